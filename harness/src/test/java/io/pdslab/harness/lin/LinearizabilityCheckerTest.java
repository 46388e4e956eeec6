package io.pdslab.harness.lin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pdslab.harness.lin.html.ViolationHtml;
import io.pdslab.harness.lin.model.KvModel;
import io.pdslab.harness.lin.model.RegisterModel;
import io.pdslab.harness.lin.model.RegisterModel.Op;
import io.pdslab.harness.lin.model.RegisterModel.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinearizabilityCheckerTest {

  private static final Duration BUDGET = Duration.ofSeconds(5);
  private final RegisterModel<String> register = new RegisterModel<>();

  private static Operation<Op<String>, Result<String>> write(int c, String v, long from, long to) {
    return Operation.of(c, Op.write(v), Result.success(), from, to);
  }

  private static Operation<Op<String>, Result<String>> read(int c, String v, long from, long to) {
    return Operation.of(c, Op.read(), Result.read(v), from, to);
  }

  @Test
  void staleReadAfterAWriteReturnedIsExplained() {
    var history = List.of(write(0, "1", 0, 10), read(1, "1", 12, 20), read(2, null, 25, 30));
    CheckResult<Op<String>, Result<String>> result =
        LinearizabilityChecker.check(register, history, BUDGET);
    assertEquals(Verdict.VIOLATION, result.verdict());
    Explanation<Op<String>, Result<String>> why = result.explanation().orElseThrow();
    assertEquals(List.of(0, 1), why.linearized());
    assertEquals("1", why.state());
    assertEquals(List.of(new Explanation.Candidate(2, false)), why.candidates());
    String text = result.toText();
    assertTrue(text.contains("client 2 [25..30] read -> nil"), text);
    assertTrue(text.contains("impossible in this state"), text);
  }

  @Test
  void concurrentOperationsMayTakeEffectInEitherOrder() {
    var history = List.of(write(0, "1", 0, 10), read(1, null, 5, 15), read(2, "1", 5, 15));
    assertTrue(LinearizabilityChecker.check(register, history, BUDGET).isLinearizable());
  }

  @Test
  void touchingIntervalsCountAsConcurrent() {
    var history = List.of(read(1, "1", 0, 10), write(0, "1", 10, 20));
    assertTrue(LinearizabilityChecker.check(register, history, BUDGET).isLinearizable());
    var separated = List.of(read(1, "1", 0, 9), write(0, "1", 10, 20));
    assertEquals(
        Verdict.VIOLATION, LinearizabilityChecker.check(register, separated, BUDGET).verdict());
  }

  @Test
  void pendingWriteMayTakeEffectAnyTimeAfterItsCallOrNever() {
    Operation<Op<String>, Result<String>> pending = Operation.pending(0, Op.write("1"), 5);
    assertTrue(
        LinearizabilityChecker.check(register, List.of(pending, read(1, "1", 100, 110)), BUDGET)
            .isLinearizable(),
        "took effect late");
    assertTrue(
        LinearizabilityChecker.check(register, List.of(pending, read(1, null, 100, 110)), BUDGET)
            .isLinearizable(),
        "never took effect");
    assertEquals(
        Verdict.VIOLATION,
        LinearizabilityChecker.check(register, List.of(read(1, "1", 0, 4), pending), BUDGET)
            .verdict(),
        "cannot take effect before its call");
    var flipFlop = List.of(pending, read(1, "1", 10, 20), read(1, null, 30, 40));
    assertEquals(
        Verdict.VIOLATION,
        LinearizabilityChecker.check(register, flipFlop, BUDGET).verdict(),
        "takes effect once");
  }

  /** Forty concurrent appends and an impossible read: the search would need 40! orders. */
  private static List<Operation<KvModel.Op, String>> hardHistory() {
    List<Operation<KvModel.Op, String>> ops = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      ops.add(Operation.of(i, KvModel.Op.append("k", "<" + i + ">"), "", 0, 100));
    }
    ops.add(Operation.of(40, KvModel.Op.get("k"), "impossible", 200, 210));
    return ops;
  }

  @Test
  void tooHardForTheTimeBudgetIsUnknownPromptly() {
    long start = System.nanoTime();
    var result = LinearizabilityChecker.check(new KvModel(), hardHistory(), Duration.ofMillis(50));
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertEquals(Verdict.UNKNOWN, result.verdict());
    assertTrue(result.reason().contains("time"), result.reason());
    assertTrue(millis < 10_000, "returned after " + millis + " ms"); // 200x the budget: load-proof
  }

  @Test
  void tooHardForTheMemoryBudgetIsUnknown() {
    var result =
        LinearizabilityChecker.check(
            new KvModel(), hardHistory(), Duration.ofMinutes(1), 1_000_000);
    assertEquals(Verdict.UNKNOWN, result.verdict());
    assertTrue(result.reason().contains("memory"), result.reason());
  }

  @Test
  void partitionsAreCheckedIndependentlyAndTheFailingOneIsReported() {
    List<Operation<KvModel.Op, String>> ops = new ArrayList<>();
    for (int k = 0; k < 8; k++) {
      ops.add(Operation.of(0, KvModel.Op.put("k" + k, "v"), "", 10L * k, 10L * k + 5));
      ops.add(
          Operation.of(1, KvModel.Op.get("k" + k), k == 5 ? "" : "v", 10L * k + 6, 10L * k + 8));
    }
    var result = LinearizabilityChecker.check(new KvModel(), ops, BUDGET);
    assertEquals(Verdict.VIOLATION, result.verdict());
    assertEquals("k5", result.explanation().orElseThrow().partition());
    ops.set(11, Operation.of(1, KvModel.Op.get("k5"), "v", 56, 58));
    assertTrue(LinearizabilityChecker.check(new KvModel(), ops, BUDGET).isLinearizable());
  }

  @Test
  void htmlViewIsSelfContained() {
    var history = List.of(write(0, "1", 0, 10), read(1, "1", 12, 20), read(2, null, 25, 30));
    var why = LinearizabilityChecker.check(register, history, BUDGET).explanation().orElseThrow();
    String html = ViolationHtml.render(why, "demo <history>");
    assertTrue(html.contains("client 2"));
    assertTrue(html.contains("op cand"), "the blocked read is highlighted");
    assertTrue(html.contains("#1 write 1"), "the prefix is numbered");
    assertTrue(html.contains("demo &lt;history&gt;"));
    assertFalse(html.contains("http://") || html.contains("https://") || html.contains(" src="));
  }

  @Test
  void htmlViewIsWrittenIntoAFolderNotYetCreated(@TempDir Path dir) throws IOException {
    var history = List.of(write(0, "1", 0, 10), read(1, null, 12, 20));
    var why = LinearizabilityChecker.check(register, history, BUDGET).explanation().orElseThrow();
    Path file = dir.resolve("pdslab-traces").resolve("Test#m-seed1-violation.html");
    ViolationHtml.write(why, "demo", file);
    assertTrue(Files.readString(file).contains("client 1"));
  }

  @Test
  void emptyAndPendingOnlyHistoriesAreLinearizable() {
    assertTrue(LinearizabilityChecker.check(register, List.of(), BUDGET).isLinearizable());
    assertTrue(
        LinearizabilityChecker.check(
                register, List.of(Operation.pending(0, Op.write("1"), 0)), BUDGET)
            .isLinearizable());
  }
}
