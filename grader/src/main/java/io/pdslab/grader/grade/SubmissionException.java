package io.pdslab.grader.grade;

import io.pdslab.cli.UserError;

/** A malformed submission: the message says what is wrong and where. */
public final class SubmissionException extends UserError {
  private static final long serialVersionUID = 1L;

  SubmissionException(String message) {
    super(message);
  }
}
