package io.pdslab.harness.trace;

/** A trace line that is not a valid trace event; the message names the source and line. */
public final class TraceFormatException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message that names the source and line number. */
  public TraceFormatException(String message) {
    super(message);
  }
}
