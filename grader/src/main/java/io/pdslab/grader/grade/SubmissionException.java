package io.pdslab.grader.grade;

import io.pdslab.grader.GraderException;

/** A malformed submission: the message says what is wrong and where. */
public final class SubmissionException extends GraderException {
  private static final long serialVersionUID = 1L;

  SubmissionException(String message) {
    super(message);
  }
}
