package io.pdslab.cli;

/** A problem with what the user gave us; reported in one line, exit code 2. */
public class UserError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates an error whose message is shown to the user as is. */
  public UserError(String message) {
    super(message);
  }

  /** Creates an error whose message is shown to the user as is, keeping the cause for -v. */
  public UserError(String message, Throwable cause) {
    super(message, cause);
  }
}
