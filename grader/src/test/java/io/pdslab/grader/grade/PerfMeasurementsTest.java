package io.pdslab.grader.grade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.pdslab.grader.run.MethodResult;
import io.pdslab.grader.run.Results;
import io.pdslab.harness.testrun.TestId;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How two sides' published rounds become the scored ratio (made-up rounds, nothing timed). */
class PerfMeasurementsTest {
  private static final TestId CHECK = TestId.parse("p.PerfTest#check");

  private static MethodResult rounds(String cpuRounds) {
    MethodResult r = Results.passed(CHECK);
    r.putEntry(PerfMeasurements.ROUNDS, "1 1 1 1 1 1 1 1");
    r.putEntry(PerfMeasurements.CPU_ROUNDS, cpuRounds);
    return r;
  }

  private static PerfMeasurements.Ratio ratio(MethodResult mine, MethodResult ref) {
    return PerfMeasurements.ratios(Map.of(CHECK, mine), Map.of(CHECK, ref)).get(CHECK);
  }

  /**
   * Half of one side's rounds made 10x dearer (a late compilation, a burst of load on one side)
   * does not move the score; a cost in most rounds does.
   */
  @Test
  void comparesTheLowerQuartilesOfCpuTimePerOperation() {
    MethodResult ref = rounds("20 21 19 20 22 20 21 20");
    assertEquals(
        1.0, ratio(rounds("200 210 190 200 20 21 19 20"), ref).value(), 0.06, "half disturbed");
    assertEquals(0.5, ratio(rounds("40 42 38 40 44 40 42 40"), ref).value(), 0.03, "twice dearer");
    assertEquals(
        0.5, ratio(rounds("40 42 38 40 44 40 42 20"), ref).value(), 0.05, "one lucky round");
  }

  @Test
  void aReferenceThatMeasuredNothingIsNotTheStudentsFault() {
    MethodResult ref = new MethodResult(CHECK);
    assertFalse(ratio(rounds("20 20 20 20"), ref).referenceMeasured());
  }

  @Test
  void quantilesInterpolateBetweenRanks() {
    assertEquals(2.0, PerfMeasurements.quantile(new double[] {4, 1, 3, 2, 0}, 0.5));
    assertEquals(1.0, PerfMeasurements.quantile(new double[] {4, 1, 3, 2, 0}, 0.25));
    assertEquals(1.5, PerfMeasurements.quantile(new double[] {1, 2}, 0.5));
  }
}
