package io.pdslab.grader.grade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pdslab.grader.build.GradedTest;
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

  /**
   * Workers that waited for a core most of the time rarely ran at once, so the ratio cannot show
   * contention: such a ratio is busy, on either side, whatever its value; with the machine to
   * itself it counts. Rounds that said nothing about waiting count as undisturbed.
   */
  @Test
  void aRatioMeasuredWhileWorkersWaitedForACoreIsBusy() {
    MethodResult ref = rounds("20 20 20 20 20 20 20 20");
    MethodResult mine = rounds("40 40 40 40 40 40 40 40");
    assertFalse(ratio(mine, ref).busy(), "no waits published");
    ref.putEntry(PerfMeasurements.WAIT_ROUNDS, "0.05 0.1 0.6 0.02 0.08 0.1 0.04 0.09");
    mine.putEntry(PerfMeasurements.WAIT_ROUNDS, "0.1 0.05 0.07 0.5 0.08 0.1 0.04 0.12");
    PerfMeasurements.Ratio quiet = ratio(mine, ref);
    assertFalse(quiet.busy(), quiet::toString);
    assertEquals(0.5, quiet.value(), 0.01);
    ref.putEntry(PerfMeasurements.WAIT_ROUNDS, "0.5 0.45 0.6 0.52 0.48 0.1 0.4 0.49");
    assertTrue(ratio(mine, ref).busy(), "the reference's side waited");
    assertTrue(ratio(ref, mine).busy(), "whichever side it is");
  }

  /** A busy ratio takes no point away, and the report says why nothing was measured. */
  @Test
  void aBusyRatioGivesFullPointsAndSaysItWasNotMeasured() {
    GradedTest check = PerfChecks.twoPoints(CHECK);
    MethodResult mine = rounds("40 40 40 40 40 40 40 40");
    MethodResult ref = rounds("20 20 20 20 20 20 20 20");
    assertEquals(0, Grader.score(check, mine, ratio(mine, ref)).score(), "measured: half as fast");
    mine.putEntry(PerfMeasurements.WAIT_ROUNDS, "0.5 0.45 0.6 0.52 0.48 0.1 0.4 0.49");
    TestGrade busy = Grader.score(check, mine, ratio(mine, ref));
    assertEquals(2, busy.score());
    assertTrue(
        mine.entries().get(Grader.UNMEASURED_ENTRY).contains("busy"), mine.entries()::toString);
  }

  @Test
  void aReferenceThatMeasuredNothingIsNotTheStudentsFault() {
    MethodResult ref = new MethodResult(CHECK);
    assertFalse(ratio(rounds("20 20 20 20"), ref).referenceMeasured());
  }
}
