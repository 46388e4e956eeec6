package io.pdslab.grader;

/**
 * A problem with what the grader was given (a manifest, a lab's build, an output folder): its
 * message is meant for the person who gave it, as is. The command line reports it in one line.
 */
public class GraderException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** An error whose message is shown as is. */
  public GraderException(String message) {
    super(message);
  }

  /** An error whose message is shown as is, keeping the cause for diagnosis. */
  public GraderException(String message, Throwable cause) {
    super(message, cause);
  }
}
