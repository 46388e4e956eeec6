package io.pdslab.grader.grade;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes a submission's report, one file per {@link ReportFormat} ({@code results.json} for
 * Gradescope, {@code junit.xml}, a self-contained {@code report.html}) with its traces beside it,
 * and a batch's {@code grades.csv}.
 *
 * <p>Students see these files, and much of their text comes from the tested code: every such text
 * is cut to a bounded length and escaped for its format. A hidden test shows its name and whether
 * it passed, nothing else (no message, stack trace or output: they would reveal it).
 */
public final class ReportWriter {
  private static final List<ReportFormat> FORMATS =
      List.of(new GradescopeReport(), new JunitReport(), new HtmlReport());

  private ReportWriter() {}

  /** Writes every format of one submission into {@code dir} (created if needed). */
  public static void write(SubmissionGrade g, Path dir) {
    try {
      Files.createDirectories(dir);
      List<String> traceLinks = new ArrayList<>();
      if (!g.traces().isEmpty()) {
        Path traces = Files.createDirectories(dir.resolve("traces"));
        for (Path t : g.traces()) {
          Files.copy(
              t,
              traces.resolve(t.getFileName().toString()),
              StandardCopyOption.REPLACE_EXISTING,
              LinkOption.NOFOLLOW_LINKS);
          traceLinks.add("traces/" + t.getFileName());
        }
      }
      for (ReportFormat f : FORMATS) {
        ReportText.writeText(dir.resolve(f.fileName()), f.render(g, traceLinks));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the report to " + dir + ": " + e, e);
    }
  }

  /** Gradescope's results.json as a map. */
  public static Map<String, Object> gradescope(SubmissionGrade g) {
    return GradescopeReport.gradescope(g);
  }

  /** Writes {@code grades.csv}: one row per submission. */
  public static void writeCsv(List<SubmissionGrade> grades, Path file) {
    GradesCsv.write(grades, file);
  }
}
