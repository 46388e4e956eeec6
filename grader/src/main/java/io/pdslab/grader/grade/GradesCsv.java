package io.pdslab.grader.grade;

import static io.pdslab.grader.grade.ReportText.MAX_LINE;
import static io.pdslab.grader.grade.ReportText.fmt;
import static io.pdslab.grader.grade.ReportText.truncate;
import static io.pdslab.grader.grade.ReportText.writeText;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** A batch's {@code grades.csv}: one row per submission, safe to open in a spreadsheet. */
final class GradesCsv {
  /**
   * The header row. {@code unmeasured} counts the performance checks the busy machine could not
   * measure (full points given): the rows to regrade on a quiet machine.
   */
  static final String HEADER = "lab,submission,status,score,max_score,seconds,unmeasured";

  private GradesCsv() {}

  /** Writes {@code grades.csv}: one row per submission. */
  static void write(List<SubmissionGrade> grades, Path file) {
    StringBuilder s = new StringBuilder(HEADER).append('\n');
    for (SubmissionGrade g : grades) {
      s.append(csv(g.lab()))
          .append(',')
          .append(csv(g.name()))
          .append(',')
          .append(csv(g.status().wireName()))
          .append(',')
          .append(fmt(g.score()))
          .append(',')
          .append(fmt(g.maxScore()))
          .append(',')
          .append(String.format(Locale.ROOT, "%.1f", g.seconds()))
          .append(',')
          .append(g.unmeasured().size())
          .append('\n');
    }
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      writeText(file, s.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The text {@link #csv} turned into {@code cell}: unquoted, and without the quote that defused a
   * formula. Exact for the names the grader gives submissions (letters, digits, {@code _.-}).
   */
  static String text(String cell) {
    String v = cell;
    if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
      v = v.substring(1, v.length() - 1).replace("\"\"", "\"");
    }
    if (v.length() >= 2 && v.charAt(0) == '\'' && "=+-@\t\r".indexOf(v.charAt(1)) >= 0) {
      v = v.substring(1);
    }
    return v;
  }

  /** A CSV cell; one that a spreadsheet would read as a formula is quoted and defused. */
  static String csv(String s) {
    String v = truncate(s, MAX_LINE);
    if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
      v = "'" + v;
    }
    return v.matches("[\\w.\\- ]*") ? v : "\"" + v.replace("\"", "\"\"") + "\"";
  }
}
