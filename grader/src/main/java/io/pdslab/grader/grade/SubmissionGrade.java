package io.pdslab.grader.grade;

import java.nio.file.Path;
import java.util.List;

/**
 * The grade of one submission.
 *
 * @param name the submission's name (file or folder name)
 * @param lab the lab
 * @param status how grading ended
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
    SubmissionStatus status,
    String error,
    List<TestGrade> tests,
    List<String> ignored,
    List<String> notes,
    String output,
    double seconds,
    String reproduce,
    List<Path> traces) {
  /**
   * Points earned (a lower bound when {@link SubmissionStatus#OVERLOADED}), bonus points included:
   * it may exceed {@link #maxScore()}.
   */
  public double score() {
    return status.testsRan() ? tests.stream().mapToDouble(TestGrade::score).sum() : 0;
  }

  /** Whether some tests were not graded because the machine was overloaded. */
  public boolean overloaded() {
    return status == SubmissionStatus.OVERLOADED;
  }

  /**
   * The performance checks that could not be measured because the machine was busy: they got full
   * points, and only a regrade on a quiet machine measures them.
   */
  public List<TestGrade> unmeasured() {
    return tests.stream().filter(t -> t.unmeasured().isPresent()).toList();
  }

  /** The maximum score: points available outside the bonus parts. */
  public double maxScore() {
    return tests.stream().filter(t -> !t.test().bonus()).mapToDouble(t -> t.test().points()).sum();
  }
}
