package io.pdslab.grader.grade;

import io.pdslab.grader.run.Invocation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What every report format says, before it is escaped for the format: the summary, what a student
 * may read about one test, and the bounds on text that comes from the tested code. A hidden test
 * shows its name and whether it passed, nothing else.
 */
final class ReportText {
  static final int MAX_OUTPUT = 20_000;
  static final int MAX_ERROR = 20_000;
  static final int MAX_MESSAGE = 4_000;
  static final int MAX_TEST_OUTPUT = 8_000;
  static final int MAX_LINE = 300;
  static final String HIDDEN_FAILED = "failed (a hidden test: its details are not shown)";

  private ReportText() {}

  static final String OVERLOADED_NOTE =
      "The grading machine was overloaded: the tests marked 'not graded' could not run to their"
          + " end. Nothing is wrong with them as far as the grader knows; regrade this submission.";

  /** The submission's summary: score, status, errors, notes, ignored files, how to reproduce. */
  static String summary(SubmissionGrade g) {
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
    for (String u : unmeasured(g)) {
      s.append(u).append('\n');
    }
    if (!g.ignored().isEmpty()) {
      s.append("ignored (not editable): ").append(ignoredList(g)).append('\n');
    }
    s.append("reproduce: ").append(g.reproduce()).append('\n');
    return s.toString();
  }

  /**
   * One line per performance check the busy machine could not measure: the grade is full points
   * there, and a hidden check shows only "passed", so the summary must say it.
   */
  static List<String> unmeasured(SubmissionGrade g) {
    return g.unmeasured().stream()
        .map(
            t ->
                "not measured: "
                    + t.test().id().shortForm()
                    + ": "
                    + truncate(t.unmeasured().orElseThrow(), MAX_LINE))
        .toList();
  }

  /** What a student may read about one test; bounded, not yet escaped. */
  static String testOutput(TestGrade t) {
    if (t.result() != null && t.result().overloaded()) {
      return truncate(t.note(), MAX_LINE);
    }
    if (t.test().hidden()) {
      return t.passed() ? "passed" : HIDDEN_FAILED;
    }
    return truncate(visibleTestOutput(t), MAX_TEST_OUTPUT);
  }

  static String visibleTestOutput(TestGrade t) {
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

  /** The ignored files, at most 20 of them: a full repository has many files not taken. */
  static String ignoredList(SubmissionGrade g) {
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

  static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return truncate(nl < 0 ? s : s.substring(0, nl), 300);
  }

  static String truncate(String s, int max) {
    if (s == null) {
      return "";
    }
    return s.length() <= max ? s : s.substring(0, max) + "\n... (truncated)";
  }

  /**
   * Writes UTF-8, replacing what it cannot encode: text from the tested code may hold unpaired
   * surrogates, which a strict encoder rejects (losing the whole report).
   */
  static void writeText(Path file, String text) throws IOException {
    Files.write(file, text.getBytes(StandardCharsets.UTF_8));
  }
}
