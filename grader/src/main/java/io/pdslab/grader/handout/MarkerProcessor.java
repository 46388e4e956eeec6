package io.pdslab.grader.handout;

import io.pdslab.grader.GraderException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a reference source into its handout version. Markers, each alone on its line:
 *
 * <ul>
 *   <li>{@code // BEGIN SOLUTION} … {@code // END SOLUTION}: the block and its markers are removed;
 *   <li>{@code // STUB: code}: becomes {@code code} at the same indentation;
 *   <li>{@code // HANDOUT: OMIT} in the first lines: the whole file is left out.
 * </ul>
 *
 * Nested or unterminated blocks, stray ends, stubs inside solutions and markers sharing a line with
 * code are errors naming the file and line.
 */
public final class MarkerProcessor {
  /** How many leading lines may hold {@code // HANDOUT: OMIT}. */
  public static final int OMIT_WITHIN_LINES = 10;

  private static final Pattern BEGIN = Pattern.compile("^\\s*//\\s*BEGIN SOLUTION\\s*$");
  private static final Pattern END = Pattern.compile("^\\s*//\\s*END SOLUTION\\s*$");
  private static final Pattern STUB = Pattern.compile("^(\\s*)//\\s*STUB:\\s?(.*?)\\s*$");
  private static final Pattern OMIT = Pattern.compile("^\\s*//\\s*HANDOUT:\\s*OMIT\\s*$");
  private static final Pattern ANY =
      Pattern.compile("(BEGIN SOLUTION|END SOLUTION|//\\s*STUB:|HANDOUT:\\s*OMIT)");

  /** A marker error. */
  public static final class MarkerException extends GraderException {
    private static final long serialVersionUID = 1L;

    MarkerException(String file, int line, String what) {
      super(file + ":" + line + ": " + what);
    }
  }

  private MarkerProcessor() {}

  /**
   * The handout version of {@code text}, or null when the file is grader-only.
   *
   * @param file the file's name, for error messages
   */
  public static String process(String file, String text) {
    String[] lines = text.split("\n", -1);
    StringBuilder out = new StringBuilder(text.length());
    int openedAt = 0;
    for (int i = 0; i < lines.length; i++) {
      String raw = lines[i];
      boolean cr = raw.endsWith("\r");
      String line = cr ? raw.substring(0, raw.length() - 1) : raw;
      int no = i + 1;
      if (OMIT.matcher(line).matches()) {
        if (i < OMIT_WITHIN_LINES) {
          return null;
        }
        throw new MarkerException(
            file, no, "// HANDOUT: OMIT must be within the first " + OMIT_WITHIN_LINES + " lines");
      }
      if (BEGIN.matcher(line).matches()) {
        if (openedAt > 0) {
          throw new MarkerException(
              file,
              no,
              "nested // BEGIN SOLUTION (the block opened at line " + openedAt + " is not closed)");
        }
        openedAt = no;
        continue;
      }
      if (END.matcher(line).matches()) {
        if (openedAt == 0) {
          throw new MarkerException(file, no, "// END SOLUTION without // BEGIN SOLUTION");
        }
        openedAt = 0;
        continue;
      }
      Matcher stub = STUB.matcher(line);
      if (stub.matches()) {
        if (openedAt > 0) {
          throw new MarkerException(
              file, no, "// STUB: inside the solution block opened at line " + openedAt);
        }
        out.append(stub.group(1)).append(stub.group(2)).append(cr ? "\r" : "");
      } else if (ANY.matcher(line).find()) {
        throw new MarkerException(
            file, no, "a solution marker must be alone on its line: '" + line.strip() + "'");
      } else if (openedAt == 0) {
        out.append(raw);
      } else {
        continue;
      }
      if (i < lines.length - 1) {
        out.append('\n');
      }
    }
    if (openedAt > 0) {
      throw new MarkerException(
          file, openedAt, "unterminated // BEGIN SOLUTION (no // END SOLUTION before the end)");
    }
    return out.toString();
  }
}
