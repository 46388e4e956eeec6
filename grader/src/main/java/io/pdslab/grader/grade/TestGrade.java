package io.pdslab.grader.grade;

import io.pdslab.grader.build.GradedTest;
import io.pdslab.grader.run.MethodResult;
import java.util.Optional;

/**
 * One graded test of a submission.
 *
 * @param test what is graded and its points
 * @param result what the parent observed (null when nothing ran, e.g. a compile error)
 * @param score points earned
 * @param note why points were lost (failure message, ratio below threshold), or null
 */
public record TestGrade(GradedTest test, MethodResult result, double score, String note) {
  /** Whether the full points were earned. */
  public boolean passed() {
    return score >= test.points() && (result == null || result.passed()) && note == null;
  }

  /**
   * Why this performance check was not measured (the machine was busy: full points given), or empty
   * when it was measured or is not a performance check.
   */
  public Optional<String> unmeasured() {
    return result == null
        ? Optional.empty()
        : Optional.ofNullable(result.entries().get(Grader.UNMEASURED_ENTRY));
  }
}
