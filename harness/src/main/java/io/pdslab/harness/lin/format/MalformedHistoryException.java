package io.pdslab.harness.lin.format;

/** A history file that cannot be read; the message names the file and line. */
public final class MalformedHistoryException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /**
   * @param source the file name
   * @param line 1-based line number, or 0 when the problem is not on one line
   * @param problem what is wrong
   */
  public MalformedHistoryException(String source, int line, String problem) {
    super(source + (line > 0 ? ":" + line : "") + ": " + problem);
  }
}
