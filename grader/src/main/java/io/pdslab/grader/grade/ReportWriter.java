package io.pdslab.grader.grade;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.pdslab.grader.run.Invocation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a submission's {@code results.json} (Gradescope's format), {@code junit.xml} and a
 * self-contained {@code report.html}, and a batch's {@code grades.csv}.
 *
 * <p>Students see these files, and much of their text comes from the tested code: every such text
 * is cut to a bounded length and escaped for its format. A hidden test shows its name and whether
 * it passed, nothing else (no message, stack trace or output: they would reveal it); the tests'
 * output is shown only when no hidden test ran beside them.
 */
public final class ReportWriter {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final int MAX_OUTPUT = 20_000;
  private static final int MAX_ERROR = 20_000;
  private static final int MAX_MESSAGE = 4_000;
  private static final int MAX_TEST_OUTPUT = 8_000;
  private static final int MAX_LINE = 300;
  private static final String HIDDEN_FAILED = "failed (a hidden test: its details are not shown)";

  private ReportWriter() {}

  /** Writes the three files of one submission into {@code dir} (created if needed). */
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
      writeText(dir.resolve("results.json"), JSON.writeValueAsString(gradescope(g)));
      writeText(dir.resolve("junit.xml"), junit(g));
      writeText(dir.resolve("report.html"), html(g, traceLinks));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the report to " + dir + ": " + e, e);
    }
  }

  /**
   * Writes UTF-8, replacing what it cannot encode: text from the tested code may hold unpaired
   * surrogates, which a strict encoder rejects (losing the whole report).
   */
  private static void writeText(Path file, String text) throws IOException {
    Files.write(file, text.getBytes(StandardCharsets.UTF_8));
  }

  /** Gradescope's results.json as a map. */
  public static Map<String, Object> gradescope(SubmissionGrade g) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("score", g.score());
    root.put("execution_time", Math.round(g.seconds()));
    root.put("output", summary(g));
    // Plain text: Gradescope would otherwise render what the tested code wrote.
    root.put("output_format", "text");
    root.put("test_output_format", "text");
    root.put("visibility", "visible");
    root.put("stdout_visibility", "hidden");
    List<Map<String, Object>> tests = new ArrayList<>();
    Map<String, Integer> numbers = new LinkedHashMap<>();
    for (TestGrade t : g.tests()) {
      Map<String, Object> e = new LinkedHashMap<>();
      int n = numbers.merge(t.test().part(), 1, Integer::sum);
      e.put("name", t.test().part() + ": " + t.test().id().shortForm());
      e.put("number", t.test().part() + "." + n);
      e.put("score", t.score());
      e.put("max_score", t.test().points());
      // Gradescope knows no third state: a test not graded shows as failed, saying why.
      e.put("status", t.passed() ? "passed" : "failed");
      e.put("output", testOutput(t));
      List<String> tags = new ArrayList<>(List.of("part " + t.test().part()));
      if (t.test().hidden()) {
        tags.add("hidden");
      }
      e.put("tags", tags);
      e.put("visibility", t.test().hidden() ? "after_published" : "visible");
      tests.add(e);
    }
    root.put("tests", tests);
    return root;
  }

  private static String summary(SubmissionGrade g) {
    StringBuilder s = new StringBuilder();
    s.append(
        String.format(
            Locale.ROOT, "%s: %s/%s points%n", g.name(), fmt(g.score()), fmt(g.maxScore())));
    if (g.overloaded()) {
      s.append(OVERLOADED_NOTE).append('\n');
    }
    if (g.error() != null) {
      s.append(
              g.status() == SubmissionStatus.COMPILE_ERROR
                  ? "Compilation failed:\n"
                  : "Invalid submission:\n")
          .append(truncate(g.error(), MAX_ERROR))
          .append('\n');
    }
    for (String n : g.notes()) {
      s.append("note: ").append(truncate(n, MAX_LINE)).append('\n');
    }
    if (!g.ignored().isEmpty()) {
      s.append("ignored (not editable): ").append(ignoredList(g)).append('\n');
    }
    s.append("reproduce: ").append(g.reproduce()).append('\n');
    return s.toString();
  }

  private static final String OVERLOADED_NOTE =
      "The grading machine was overloaded: the tests marked 'not graded' could not run to their"
          + " end. Nothing is wrong with them as far as the grader knows; regrade this submission.";

  /** What a student may read about one test; bounded, not yet escaped. */
  private static String testOutput(TestGrade t) {
    if (t.result() != null && t.result().overloaded()) {
      return truncate(t.note(), MAX_LINE);
    }
    if (t.test().hidden()) {
      return t.passed() ? "passed" : HIDDEN_FAILED;
    }
    return truncate(visibleTestOutput(t), MAX_TEST_OUTPUT);
  }

  private static String visibleTestOutput(TestGrade t) {
    if (t.passed()) {
      long seeds =
          t.result() == null
              ? 0
              : t.result().invocations().stream().filter(i -> i.seed() != null).count();
      String ratio = t.result() == null ? null : t.result().entries().get("ratio");
      return "passed"
          + (seeds > 0 ? " on " + seeds + " seeds" : "")
          + (ratio != null ? " (ratio " + truncate(ratio, 40) + ")" : "");
    }
    StringBuilder s = new StringBuilder();
    if (t.result() != null) {
      for (Invocation i : t.result().invocations()) {
        if (!i.passed()) {
          s.append(truncate(i.name(), MAX_LINE))
              .append(": ")
              .append(truncate(i.message(), MAX_MESSAGE))
              .append('\n');
        }
        if (s.length() > MAX_TEST_OUTPUT) {
          break;
        }
      }
      for (String p : t.result().problems()) {
        s.append(truncate(p, MAX_MESSAGE)).append('\n');
      }
    }
    if (s.length() == 0 && t.note() != null) {
      s.append(truncate(t.note(), MAX_MESSAGE));
    }
    return s.toString();
  }

  private static String junit(SubmissionGrade g) {
    long failures = g.tests().stream().filter(t -> !t.passed()).count();
    StringBuilder x = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    x.append(
        String.format(
            Locale.ROOT,
            "<testsuite name=\"%s\" tests=\"%d\" failures=\"%d\" errors=\"0\" time=\"%.3f\">%n",
            xml(g.lab() + "/" + g.name()),
            g.tests().size(),
            failures,
            g.seconds()));
    for (TestGrade t : g.tests()) {
      x.append(
          String.format(
              "  <testcase classname=\"%s\" name=\"%s\"",
              xml(t.test().id().className()), xml(t.test().id().method())));
      if (t.passed()) {
        x.append("/>\n");
      } else if (t.result() != null && t.result().overloaded()) {
        x.append(">\n    <skipped message=\"")
            .append(xml(testOutput(t)))
            .append("\"/>\n  </testcase>\n");
      } else {
        String out = testOutput(t);
        x.append(">\n    <failure message=\"")
            .append(xml(firstLine(out)))
            .append("\">")
            .append(xml(out))
            .append("</failure>\n  </testcase>\n");
      }
    }
    if (g.error() != null) {
      x.append("  <system-err>")
          .append(xml(truncate(g.error(), MAX_ERROR)))
          .append("</system-err>\n");
    }
    x.append("</testsuite>\n");
    return x.toString();
  }

  private static String html(SubmissionGrade g, List<String> traceLinks) {
    StringBuilder h = new StringBuilder();
    h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
        .append(esc(g.lab() + " — " + g.name()))
        .append(
            "</title><style>body{font-family:system-ui,sans-serif;margin:2em;max-width:70em}"
                + "table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;"
                + "padding:.3em .6em;text-align:left;vertical-align:top}.pass{color:#1a7f37}"
                + ".fail{color:#cf222e}pre{background:#f6f8fa;padding:.6em;overflow-x:auto;"
                + "white-space:pre-wrap;font-size:.85em}code{background:#f6f8fa}</style></head><body>\n");
    h.append("<h1>").append(esc(g.lab())).append(": ").append(esc(g.name())).append("</h1>\n");
    h.append("<p><b>")
        .append(fmt(g.score()))
        .append(" / ")
        .append(fmt(g.maxScore()))
        .append(" points</b> — ")
        .append(esc(g.status().wireName()))
        .append(String.format(Locale.ROOT, ", graded in %.1f s</p>%n", g.seconds()));
    h.append("<p>Reproduce: <code>").append(esc(g.reproduce())).append("</code></p>\n");
    if (g.overloaded()) {
      h.append("<p class=\"fail\"><b>").append(esc(OVERLOADED_NOTE)).append("</b></p>\n");
    }
    if (g.error() != null) {
      h.append("<h2 class=\"fail\">")
          .append(
              g.status() == SubmissionStatus.COMPILE_ERROR
                  ? "Compilation failed"
                  : "Invalid submission")
          .append("</h2><pre>")
          .append(esc(truncate(g.error(), MAX_ERROR)))
          .append("</pre>\n");
    }
    for (String n : g.notes()) {
      h.append("<p>Note: ").append(esc(truncate(n, MAX_LINE))).append("</p>\n");
    }
    if (!g.ignored().isEmpty()) {
      h.append("<p>Ignored files (not editable): ").append(esc(ignoredList(g))).append("</p>\n");
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
            .append(esc(part))
            .append(" — ")
            .append(fmt(got))
            .append(" / ")
            .append(fmt(max))
            .append("</h2>\n<table><tr><th>Test</th><th>Points</th><th>Result</th></tr>\n");
      }
      h.append("<tr><td>")
          .append(esc(t.test().id().shortForm()))
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
        h.append("<pre>").append(esc(testOutput(t))).append("</pre>");
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
            .append(esc(l))
            .append("\">")
            .append(esc(l))
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
            .append(esc(truncate(g.output(), MAX_OUTPUT)))
            .append("</pre>\n");
      }
    }
    h.append("</body></html>\n");
    return h.toString();
  }

  /** Writes {@code grades.csv}: one row per submission. */
  public static void writeCsv(List<SubmissionGrade> grades, Path file) {
    StringBuilder s = new StringBuilder("lab,submission,status,score,max_score,seconds\n");
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
          .append('\n');
    }
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      writeText(file, s.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The ignored files, at most 20 of them: a full repository has many files not taken. */
  private static String ignoredList(SubmissionGrade g) {
    List<String> files = g.ignored();
    String shown =
        files.size() <= 20
            ? String.join(", ", files)
            : String.join(", ", files.subList(0, 20)) + " and " + (files.size() - 20) + " more";
    return truncate(shown, 20 * MAX_LINE);
  }

  static String fmt(double points) {
    return Points.format(points);
  }

  /** A CSV cell; one that a spreadsheet would read as a formula is quoted and defused. */
  static String csv(String s) {
    String v = truncate(s, MAX_LINE);
    if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
      v = "'" + v;
    }
    return v.matches("[\\w.\\- ]*") ? v : "\"" + v.replace("\"", "\"\"") + "\"";
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return truncate(nl < 0 ? s : s.substring(0, nl), 300);
  }

  private static String truncate(String s, int max) {
    if (s == null) {
      return "";
    }
    return s.length() <= max ? s : s.substring(0, max) + "\n... (truncated)";
  }

  static String esc(String s) {
    return s.replaceAll("[\\p{Cntrl}&&[^\\n\\t\\r]]", "")
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;")
        .replace("'", "&#39;");
  }

  /** Escapes for XML 1.0 text and attributes, dropping the characters it does not allow. */
  static String xml(String s) {
    StringBuilder out = new StringBuilder(s.length());
    s.codePoints()
        .forEach(
            c -> {
              boolean allowed =
                  c == '\n'
                      || c == '\t'
                      || c == '\r'
                      || (c >= 0x20 && c <= 0xD7FF)
                      || (c >= 0xE000 && c <= 0xFFFD)
                      || c >= 0x10000;
              if (!allowed) {
                return;
              }
              switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                default -> out.appendCodePoint(c);
              }
            });
    return out.toString();
  }
}
