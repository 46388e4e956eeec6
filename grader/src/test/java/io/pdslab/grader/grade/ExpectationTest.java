package io.pdslab.grader.grade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pdslab.grader.build.GradedTest;
import io.pdslab.grader.run.MethodResult;
import io.pdslab.grader.run.Results;
import io.pdslab.harness.testrun.TestId;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The head of an EXPECTED line is read, and a grade is checked against it (fake grades only). */
class ExpectationTest {
  private static final List<String> PARTS = List.of("A", "B", "C", GradedTest.PERFORMANCE);

  /** A graded submission that lost the points of every test of {@code failing} parts. */
  private static SubmissionGrade graded(SubmissionStatus status, String... failing) {
    Set<String> lost = Set.copyOf(Arrays.asList(failing));
    List<TestGrade> tests =
        PARTS.stream()
            .map(
                p -> {
                  GradedTest t = new GradedTest(TestId.parse("p.T" + p + "#t"), p, 2, false, null);
                  return lost.contains(p)
                      ? new TestGrade(t, null, 0, "failed")
                      : new TestGrade(t, null, 2, null);
                })
            .toList();
    return new SubmissionGrade(
        "ex", "demo", status, null, tests, List.of(), List.of(), "", 1, "", List.<Path>of());
  }

  private static SubmissionGrade notGraded(SubmissionStatus status) {
    return new SubmissionGrade(
        "ex", "demo", status, "why", List.of(), List.of(), List.of(), "", 1, "", List.of());
  }

  /** Grading only some parts ({@code --part}) checks what the line expects of those parts. */
  @Test
  void withinSomePartsExpectsOnlyWhatConcernsThem() {
    Expectation bAndPerf = Expectation.parse("fails: B, perf (the lost push)");
    assertEquals("fails: perf", bAndPerf.within(Set.of("perf")).toString());
    Expectation bOnly = Expectation.parse("fails: B").within(Set.of("perf"));
    assertEquals("no part fails", bOnly.toString());
    assertTrue(bOnly.mismatch(graded(SubmissionStatus.GRADED)).isEmpty());
    assertTrue(bOnly.mismatch(graded(SubmissionStatus.GRADED, "perf")).isPresent());
    assertEquals(bAndPerf, bAndPerf.within(Set.of()));
    assertEquals(Expectation.FULL_MARKS, Expectation.FULL_MARKS.within(Set.of("perf")));
  }

  @Test
  void readsEveryHeadTheExamplesUseAndIgnoresTheCommentary() {
    assertEquals(Expectation.FULL_MARKS, Expectation.parse("full marks"));
    assertEquals("full marks", Expectation.parse("full marks for now (issue 18)").toString());
    assertEquals(
        "0", Expectation.parse("0 (stub Raft and KvServer; its KvClerk is ignored)").toString());
    assertEquals(
        "compile-error", Expectation.parse("compile-error (McsLock.java: missing ;)").toString());
    assertEquals("rejected", Expectation.parse("rejected (uses X): 0 on every test").toString());
    assertEquals(
        "fails: B", Expectation.parse("fails: B (the lost push); A, C, D pass").toString());
    assertEquals(
        "fails: D", Expectation.parse("fails: D only (livelock); A, B, C pass").toString());
    Expectation several = Expectation.parse("fails: B, C, D, E (leader completeness); 128/175");
    assertEquals(Expectation.Kind.FAILS, several.kind());
    assertEquals(List.of("B", "C", "D", "E"), List.copyOf(several.parts()));
    assertEquals(List.of("perf"), List.copyOf(Expectation.parse("fails: perf").parts()));
  }

  @Test
  void aLineWithNoKnownHeadIsRefusedSayingWhatIsAllowed() {
    for (String bad :
        List.of("", "should lose points", "fails:", "fails: (B)", "100/175", "graded")) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> Expectation.parse(bad), bad);
      assertTrue(e.getMessage().contains("'fails: <parts>'"), e.getMessage());
    }
  }

  @Test
  void exactlyTheNamedPartsMustLosePoints() {
    Expectation b = Expectation.parse("fails: B only");
    assertEquals(Optional.empty(), b.mismatch(graded(SubmissionStatus.GRADED, "B")));
    assertEquals(
        Optional.of("expected fails: B, got graded 4/8, fails: B, C"),
        b.mismatch(graded(SubmissionStatus.GRADED, "B", "C")));
    assertEquals(
        Optional.of("expected fails: B, got graded 8/8, full marks"),
        b.mismatch(graded(SubmissionStatus.GRADED)));
    assertTrue(
        Expectation.parse("fails: A, perf")
            .mismatch(graded(SubmissionStatus.GRADED, "perf", "A"))
            .isEmpty());
  }

  @Test
  void fullMarksZeroAndStatusesAreCheckedToo() {
    assertTrue(Expectation.FULL_MARKS.mismatch(graded(SubmissionStatus.GRADED)).isEmpty());
    assertEquals(
        Optional.of("expected full marks, got graded 6/8, fails: perf"),
        Expectation.FULL_MARKS.mismatch(graded(SubmissionStatus.GRADED, "perf")));
    // Overloaded: some tests did not run to their end, so nothing is confirmed.
    assertTrue(Expectation.FULL_MARKS.mismatch(graded(SubmissionStatus.OVERLOADED)).isPresent());
    Expectation zero = Expectation.parse("0");
    assertTrue(zero.mismatch(graded(SubmissionStatus.GRADED, "A", "B", "C", "perf")).isEmpty());
    assertTrue(zero.mismatch(graded(SubmissionStatus.GRADED, "A", "B", "C")).isPresent());
    Expectation compileError = Expectation.parse("compile-error");
    assertTrue(compileError.compileError());
    assertTrue(compileError.mismatch(notGraded(SubmissionStatus.COMPILE_ERROR)).isEmpty());
    assertEquals(
        Optional.of("expected compile-error, got rejected"),
        compileError.mismatch(notGraded(SubmissionStatus.REJECTED)));
    assertTrue(compileError.mismatch(graded(SubmissionStatus.GRADED, "A")).isPresent());
  }

  /**
   * A performance check the machine was too busy to measure gave full points and says so: whether
   * an example expected to lose performance points did is then unknown, and only the other parts
   * are compared. Measured, the performance part counts again.
   */
  @Test
  void anUnmeasuredPerformanceCheckLeavesThePerformancePartUncompared() {
    Expectation slow = Expectation.parse("fails: C, perf (a global lock)");
    SubmissionGrade unmeasured = withPerfCheck(true, "C");
    assertEquals(Optional.empty(), slow.mismatch(unmeasured));
    assertTrue(slow.mismatch(withPerfCheck(true)).isPresent(), "C must still lose points");
    assertTrue(slow.mismatch(withPerfCheck(false, "C")).isPresent(), "measured: perf must lose");
    SubmissionGrade measuredAndLost = graded(SubmissionStatus.GRADED, "C", "perf");
    assertEquals(Optional.empty(), slow.mismatch(measuredAndLost));
  }

  /** A grade with full points on a performance check, marked unmeasured or not. */
  private static SubmissionGrade withPerfCheck(boolean unmeasured, String... failing) {
    SubmissionGrade g = graded(SubmissionStatus.GRADED, failing);
    TestId id = TestId.parse("p.Perf#check");
    MethodResult r = Results.passed(id);
    if (unmeasured) {
      r.putEntry(Grader.UNMEASURED_ENTRY, "the machine was busy");
    }
    GradedTest perf = PerfChecks.twoPoints(id);
    List<TestGrade> tests = new ArrayList<>(g.tests());
    tests.add(new TestGrade(perf, r, 2, null));
    return new SubmissionGrade(
        "ex", "demo", g.status(), null, tests, List.of(), List.of(), "", 1, "", List.<Path>of());
  }

  @Test
  void aBatchListsOneLineForEachJobThatDiffersAndSkipsJobsWithoutExpectation() {
    List<BatchGrader.Job> batch =
        List.of(
            new BatchGrader.Job(
                null, Path.of("ref"), "demo-reference", Optional.of(Expectation.FULL_MARKS)),
            new BatchGrader.Job(
                null, Path.of("ex"), "demo-ex", Optional.of(Expectation.parse("fails: B"))),
            new BatchGrader.Job(null, Path.of("s"), "student", Optional.empty()));
    List<SubmissionGrade> grades =
        List.of(
            graded(SubmissionStatus.GRADED),
            graded(SubmissionStatus.GRADED, "A"),
            graded(SubmissionStatus.GRADED, "A", "B"));
    assertEquals(
        List.of("demo-ex: expected fails: B, got graded 6/8, fails: A"),
        BatchGrader.mismatches(batch, grades));
  }
}
