package io.pdslab.grader.grade;

import java.util.Locale;

/**
 * How grading a submission ended. The wire name ({@code compile-error}) is what reports, the CSV
 * and the examples' {@code EXPECTED} lines show.
 */
public enum SubmissionStatus {
  /** Every test ran; the score counts. */
  GRADED,
  /** Graded, but the machine was too busy to run some tests to their end: regrade it. */
  OVERLOADED,
  /** The submission or its tests do not compile. */
  COMPILE_ERROR,
  /** Not a submission of this lab (a bad zip, a missing folder, a forbidden path). */
  INVALID,
  /** The bytecode check refused an API before anything ran. */
  REJECTED,
  /** The grader itself failed (a child JVM that could not start, a full disk): regrade it. */
  GRADER_ERROR;

  /** The name shown in reports, e.g. {@code compile-error}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** Whether the tests ran, so the score counts. */
  public boolean testsRan() {
    return this == GRADED || this == OVERLOADED;
  }

  @Override
  public String toString() {
    return wireName();
  }
}
