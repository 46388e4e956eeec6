package io.pdslab.harness.lin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pdslab.harness.lin.format.JsonHistoryFormat;
import io.pdslab.harness.lin.gen.HistoryGenerator;
import io.pdslab.harness.lin.gen.HistoryGenerator.Settings;
import io.pdslab.harness.lin.model.KvModel;
import io.pdslab.harness.lin.model.RegisterModel;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The checker on large generated histories (see {@link HistoryGenerator}): the generated ones are
 * linearizable by construction, the corrupted ones hold a read of a value never written. Verdicts
 * only; how fast is measured by the JMH benchmark and benchmarks/scripts, never here.
 */
class LargeHistoriesTest {

  /** Generous: the verdict must not depend on the machine's load. */
  private static final Duration BUDGET = Duration.ofMinutes(2);

  private static final Settings KV = new Settings(50, 2000, 10, 0, false, 1);
  private static final Settings REGISTER = new Settings(8, 400, 1, 0.05, false, 1);

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3})
  void generatedKvHistoriesAreLinearizableAndCorruptedOnesAreNot(long seed) {
    KvModel model = new KvModel();
    var ok = HistoryGenerator.kv(KV.withSeed(seed));
    assertEquals(2000, ok.size());
    CheckResult<KvModel.Op, String> result = LinearizabilityChecker.check(model, ok, BUDGET);
    assertEquals(Verdict.LINEARIZABLE, result.verdict(), result::toText);

    var bad = HistoryGenerator.kv(KV.withSeed(seed).corrupted(true));
    Operation<KvModel.Op, String> victim = corrupted(bad);
    CheckResult<KvModel.Op, String> failed = LinearizabilityChecker.check(model, bad, BUDGET);
    assertEquals(Verdict.VIOLATION, failed.verdict(), failed::toText);
    Explanation<KvModel.Op, String> why = failed.explanation().orElseThrow();
    assertEquals(victim.input().key(), why.partition(), "the corrupted key is reported");
    assertTrue(why.operations().contains(victim));
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3})
  void generatedRegisterHistoriesWithCrashesAreLinearizableAndCorruptedOnesAreNot(long seed) {
    RegisterModel<String> model = new RegisterModel<>();
    var ok = HistoryGenerator.register(REGISTER.withSeed(seed));
    assertTrue(ok.stream().anyMatch(Operation::isPending), "some clients crashed");
    var result = LinearizabilityChecker.check(model, ok, BUDGET);
    assertEquals(Verdict.LINEARIZABLE, result.verdict(), result::toText);

    var bad = HistoryGenerator.register(REGISTER.withSeed(seed).corrupted(true));
    var failed = LinearizabilityChecker.check(model, bad, BUDGET);
    assertEquals(Verdict.VIOLATION, failed.verdict(), failed::toText);
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2})
  void theVerdictSurvivesTheJsonFormat(long seed) {
    var bad = HistoryGenerator.kv(KV.withSeed(seed).corrupted(true));
    var read = JsonHistoryFormat.parseKv("generated", JsonHistoryFormat.writeKv(bad));
    assertEquals(bad, read);
    var json = JsonHistoryFormat.writeRegister(HistoryGenerator.register(REGISTER.withSeed(seed)));
    var register = JsonHistoryFormat.parseRegister("generated", json);
    assertEquals(
        Verdict.LINEARIZABLE,
        LinearizabilityChecker.check(new RegisterModel<>(), register, BUDGET).verdict());
  }

  /** A step budget, unlike a time budget, gives the same verdict however busy the machine is. */
  @Test
  void aStepBudgetDecidesTheSameWayEveryTime() {
    var ok = HistoryGenerator.kv(KV);
    var bad = HistoryGenerator.kv(KV.corrupted(true));
    KvModel model = new KvModel();
    assertEquals(
        Verdict.LINEARIZABLE,
        LinearizabilityChecker.checkWithinSteps(model, ok, 1L << 30).verdict());
    assertEquals(
        Verdict.VIOLATION, LinearizabilityChecker.checkWithinSteps(model, bad, 1L << 30).verdict());
    CheckResult<KvModel.Op, String> starved = LinearizabilityChecker.checkWithinSteps(model, ok, 1);
    assertEquals(Verdict.UNKNOWN, starved.verdict());
    assertTrue(starved.reason().contains("step budget"), starved.reason());
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2})
  void theSameSeedGivesTheSameHistory(long seed) {
    assertEquals(HistoryGenerator.kv(KV.withSeed(seed)), HistoryGenerator.kv(KV.withSeed(seed)));
    assertNotEquals(
        HistoryGenerator.kv(KV.withSeed(seed)), HistoryGenerator.kv(KV.withSeed(seed + 10)));
  }

  /** The one operation whose output is the never-written value. */
  private static Operation<KvModel.Op, String> corrupted(List<Operation<KvModel.Op, String>> ops) {
    List<Operation<KvModel.Op, String>> victims =
        ops.stream().filter(o -> HistoryGenerator.NEVER_WRITTEN.equals(o.output())).toList();
    assertEquals(1, victims.size());
    return victims.get(0);
  }
}
