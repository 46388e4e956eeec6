package io.pdslab.grader.grade;

import java.nio.file.Path;
import java.util.List;

/**
 * The grade of one submission.
 *
 * @param name the submission's name (file or folder name)
 * @param lab the lab
 * @param status {@code graded}, {@link #OVERLOADED} (graded, but some tests could not run to their
 *     end: regrade), {@code compile-error}, {@code invalid} or {@code rejected} (by the API check,
 *     before running)
 * @param error the compiler's or validator's message when not graded, else null
 * @param tests one entry per graded test
 * @param ignored files that were not taken (not editable)
 * @param notes remarks such as editable files missing from the submission
 * @param output the tail of what the tests printed
 * @param seconds wall-clock time spent grading
 * @param reproduce the command that reproduces this grade
 * @param traces trace files collected from failing tests
 */
public record SubmissionGrade(
    String name,
    String lab,
    String status,
    String error,
    List<TestGrade> tests,
    List<String> ignored,
    List<String> notes,
    String output,
    double seconds,
    String reproduce,
    List<Path> traces) {
  /** The status of a grade whose machine was too busy to run some tests: regrade it. */
  public static final String OVERLOADED = "overloaded";

  /** Points earned (a lower bound when {@link #OVERLOADED}). */
  public double score() {
    return status.equals("graded") || status.equals(OVERLOADED)
        ? tests.stream().mapToDouble(TestGrade::score).sum()
        : 0;
  }

  /** Whether some tests were not graded because the machine was overloaded. */
  public boolean overloaded() {
    return status.equals(OVERLOADED);
  }

  /** Points available. */
  public double maxScore() {
    return tests.stream().mapToDouble(t -> t.test().points()).sum();
  }
}
