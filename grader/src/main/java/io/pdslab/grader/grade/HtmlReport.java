package io.pdslab.grader.grade;

import static io.pdslab.grader.grade.ReportText.MAX_ERROR;
import static io.pdslab.grader.grade.ReportText.MAX_LINE;
import static io.pdslab.grader.grade.ReportText.MAX_OUTPUT;
import static io.pdslab.grader.grade.ReportText.OVERLOADED_NOTE;
import static io.pdslab.grader.grade.ReportText.fmt;
import static io.pdslab.grader.grade.ReportText.ignoredList;
import static io.pdslab.grader.grade.ReportText.testOutput;
import static io.pdslab.grader.grade.ReportText.truncate;
import static io.pdslab.grader.grade.ReportText.unmeasured;

import io.pdslab.harness.html.Html;
import java.util.List;
import java.util.Locale;

/**
 * {@code report.html}: a self-contained page per submission. The tests' output is shown only when
 * no hidden test ran beside them.
 */
final class HtmlReport implements ReportFormat {
  @Override
  public String fileName() {
    return "report.html";
  }

  @Override
  public String render(SubmissionGrade g, List<String> traceLinks) {
    return html(g, traceLinks);
  }

  private static String html(SubmissionGrade g, List<String> traceLinks) {
    StringBuilder h = new StringBuilder();
    h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
        .append(Html.escape(g.lab() + " — " + g.name()))
        .append(
            "</title><style>body{font-family:system-ui,sans-serif;margin:2em;max-width:70em}"
                + "table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;"
                + "padding:.3em .6em;text-align:left;vertical-align:top}.pass{color:#1a7f37}"
                + ".fail{color:#cf222e}pre{background:#f6f8fa;padding:.6em;overflow-x:auto;"
                + "white-space:pre-wrap;font-size:.85em}code{background:#f6f8fa}</style></head><body>\n");
    h.append("<h1>")
        .append(Html.escape(g.lab()))
        .append(": ")
        .append(Html.escape(g.name()))
        .append("</h1>\n");
    h.append("<p><b>")
        .append(fmt(g.score()))
        .append(" / ")
        .append(fmt(g.maxScore()))
        .append(" points</b> — ")
        .append(Html.escape(g.status().wireName()))
        .append(String.format(Locale.ROOT, ", graded in %.1f s</p>%n", g.seconds()));
    h.append("<p>Reproduce: <code>").append(Html.escape(g.reproduce())).append("</code></p>\n");
    if (g.overloaded()) {
      h.append("<p class=\"fail\"><b>").append(Html.escape(OVERLOADED_NOTE)).append("</b></p>\n");
    }
    if (g.error() != null) {
      h.append("<h2 class=\"fail\">")
          .append(
              g.status() == SubmissionStatus.COMPILE_ERROR
                  ? "Compilation failed"
                  : "Invalid submission")
          .append("</h2><pre>")
          .append(Html.escape(truncate(g.error(), MAX_ERROR)))
          .append("</pre>\n");
    }
    for (String n : g.notes()) {
      h.append("<p>Note: ").append(Html.escape(truncate(n, MAX_LINE))).append("</p>\n");
    }
    for (String u : unmeasured(g)) {
      h.append("<p class=\"fail\">").append(Html.escape(u)).append("</p>\n");
    }
    if (!g.ignored().isEmpty()) {
      h.append("<p>Ignored files (not editable): ")
          .append(Html.escape(ignoredList(g)))
          .append("</p>\n");
    }
    String part = null;
    for (TestGrade t : g.tests()) {
      if (!t.test().part().equals(part)) {
        if (part != null) {
          h.append("</table>\n");
        }
        part = t.test().part();
        double got =
            g.tests().stream()
                .filter(x -> x.test().part().equals(t.test().part()))
                .mapToDouble(TestGrade::score)
                .sum();
        double max =
            g.tests().stream()
                .filter(x -> x.test().part().equals(t.test().part()))
                .mapToDouble(x -> x.test().points())
                .sum();
        h.append("<h2>Part ")
            .append(Html.escape(part))
            .append(t.test().bonus() ? " (bonus)" : "")
            .append(" — ")
            .append(fmt(got))
            .append(" / ")
            .append(fmt(max))
            .append("</h2>\n<table><tr><th>Test</th><th>Points</th><th>Result</th></tr>\n");
      }
      h.append("<tr><td>")
          .append(Html.escape(t.test().id().shortForm()))
          .append(t.test().hidden() ? " (hidden)" : "")
          .append("</td><td>")
          .append(fmt(t.score()))
          .append(" / ")
          .append(fmt(t.test().points()))
          .append("</td><td class=\"")
          .append(
              t.passed()
                  ? "pass\">passed"
                  : t.result() != null && t.result().overloaded()
                      ? "fail\">not graded"
                      : "fail\">failed");
      if (!t.passed()) {
        h.append("<pre>").append(Html.escape(testOutput(t))).append("</pre>");
      }
      h.append("</td></tr>\n");
    }
    if (part != null) {
      h.append("</table>\n");
    }
    if (!traceLinks.isEmpty()) {
      h.append("<h2>Traces</h2><ul>\n");
      for (String l : traceLinks) {
        h.append("<li><a href=\"")
            .append(Html.escape(l))
            .append("\">")
            .append(Html.escape(l))
            .append("</a></li>\n");
      }
      h.append("</ul>\n");
    }
    if (!g.output().isBlank()) {
      if (g.tests().stream().anyMatch(t -> t.test().hidden())) {
        // Code that ran beside hidden tests could have printed them: the output stays private.
        h.append("<p>The tests' output is not shown: hidden tests ran in the same JVM. Run the")
            .append(" public tests yourself with <code>./pdslab test</code> to see it.</p>\n");
      } else {
        h.append("<h2>Output</h2><pre>")
            .append(Html.escape(truncate(g.output(), MAX_OUTPUT)))
            .append("</pre>\n");
      }
    }
    h.append("</body></html>\n");
    return h.toString();
  }
}
