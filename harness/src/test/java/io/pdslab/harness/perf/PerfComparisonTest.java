package io.pdslab.harness.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * What a comparison runs and how it scores, without timing anything: measured speed belongs to the
 * benchmarks, and a timed assertion here would fail on a busy machine.
 */
class PerfComparisonTest {
  @Test
  void scoresTheMedianOfPairedRatiosNotTheRatioOfMedians() {
    // Round 3 ran while something else loaded the machine: both sides slowed down together.
    PerfComparison.Result r =
        PerfComparison.result(
            "x", new double[] {100, 110, 20, 90, 105}, new double[] {100, 100, 20, 100, 100});
    assertEquals(1.0, r.ratio(), 1e-9);
    assertEquals(100, r.studentOpsPerSec(), 1e-9);
    assertEquals(100, r.referenceOpsPerSec(), 1e-9);

    // The same rounds with the slow one on one side only are a real difference, and show.
    PerfComparison.Result slow =
        PerfComparison.result("y", new double[] {50, 55, 45}, new double[] {100, 100, 100});
    assertEquals(0.5, slow.ratio(), 1e-9);
  }

  @Test
  void runsFreshTrialsOfBothSidesInAlternatingOrder() {
    List<String> order = new ArrayList<>();
    AtomicInteger studentOps = new AtomicInteger();
    Supplier<PerfComparison.Trial> student =
        () -> {
          order.add("s");
          return (thread, ops) -> studentOps.addAndGet(ops);
        };
    Supplier<PerfComparison.Trial> reference =
        () -> {
          order.add("r");
          return (thread, ops) -> {};
        };
    PerfComparison.Result r =
        PerfComparison.builder("order")
            .threads(3)
            .opsPerThread(7)
            .warmupRounds(1)
            .rounds(2)
            .build()
            .compare(student, reference);
    assertEquals(List.of("s", "r", "r", "s", "s", "r"), order);
    assertEquals(3 * 7 * 3, studentOps.get(), "every thread ran its operations in every round");
    assertTrue(r.ratio() > 0 && Double.isFinite(r.ratio()), "ratio " + r.ratio());
  }

  @Test
  void aFailingTrialFailsTheComparison() {
    PerfComparison c = PerfComparison.builder("wrong").threads(2).opsPerThread(1).build();
    AssertionError e =
        assertThrows(
            AssertionError.class,
            () ->
                c.compare(
                    () ->
                        (thread, ops) -> {
                          throw new AssertionError("stack lost an element");
                        },
                    () -> (thread, ops) -> {}));
    assertTrue(String.valueOf(e.getCause()).contains("lost an element"), e.toString());
  }
}
