package io.pdslab.harness.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * What a measurement runs and publishes, without timing anything: measured speed belongs to the
 * benchmarks and the grader, and a timed assertion here would fail on a busy machine.
 */
class PerfComparisonTest {
  @Test
  void runsAFreshTrialForEveryWarmUpAndMeasuredRound() {
    AtomicInteger trials = new AtomicInteger();
    AtomicInteger ops = new AtomicInteger();
    PerfComparison.Measurement m =
        PerfComparison.builder("count")
            .threads(3)
            .opsPerThread(7)
            .warmupRounds(2)
            .rounds(4)
            .build()
            .measure(
                () -> {
                  trials.incrementAndGet();
                  return (thread, n) -> ops.addAndGet(n);
                });
    // 2 warm-up rounds at least, more (up to 4x) while the JIT is still compiling.
    assertTrue(
        trials.get() >= 6 && trials.get() <= 2 * PerfComparison.MAX_WARMUP_FACTOR + 4,
        "warm-up and measured rounds: " + trials.get());
    assertEquals(3 * 7 * trials.get(), ops.get(), "every thread ran its operations in every round");
    assertEquals(4, m.opsPerSec().length, "only measured rounds are kept");
    assertTrue(m.medianOpsPerSec() > 0 && Double.isFinite(m.medianOpsPerSec()));
  }

  @Test
  void publishesEachMeasuredRoundForTheGrader() {
    PerfComparison.Measurement m =
        new PerfComparison.Measurement(
            "x", new double[] {100, 300, 200}, new double[] {10, 30, 20});
    Map<String, String> published = new LinkedHashMap<>();
    m.publish(published::putAll);
    assertEquals("100 300 200", published.get(PerfComparison.ROUNDS));
    assertEquals("200", published.get(PerfComparison.OPS_PER_SEC));
    assertEquals("20.0", published.get(PerfComparison.CPU_NS_PER_OP));
  }

  @Test
  void aFailingTrialFailsTheMeasurement() {
    PerfComparison c = PerfComparison.builder("wrong").threads(2).opsPerThread(1).build();
    AssertionError e =
        assertThrows(
            AssertionError.class,
            () ->
                c.measure(
                    () ->
                        (thread, ops) -> {
                          throw new AssertionError("stack lost an element");
                        }));
    assertTrue(String.valueOf(e.getCause()).contains("lost an element"), e.toString());
  }
}
