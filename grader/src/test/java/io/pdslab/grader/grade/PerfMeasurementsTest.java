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
   * Paired rounds saw the same load: a stretch of rounds 10x dearer on both sides (both workers got
   * a core at once) does not move the score, and neither do a few rounds disturbed on one side
   * only; a cost in every round does.
   */
  @Test
  void comparesPairedRoundsOfCpuTimePerOperation() {
    MethodResult ref = rounds("20 21 19 20 200 210 190 20");
    assertEquals(1.0, ratio(rounds("20 21 19 20 200 210 190 20"), ref).value(), 0.01, "same");
    assertEquals(
        1.0, ratio(rounds("20 210 19 20 200 210 190 200"), ref).value(), 0.06, "two disturbed");
    assertEquals(
        0.5, ratio(rounds("40 42 38 40 400 420 380 40"), ref).value(), 0.03, "twice dearer");
  }

  @Test
  void aReferenceThatMeasuredNothingIsNotTheStudentsFault() {
    MethodResult ref = new MethodResult(CHECK);
    assertFalse(ratio(rounds("20 20 20 20"), ref).referenceMeasured());
  }
}
