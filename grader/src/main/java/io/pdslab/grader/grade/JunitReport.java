package io.pdslab.grader.grade;

import static io.pdslab.grader.grade.ReportText.MAX_ERROR;
import static io.pdslab.grader.grade.ReportText.firstLine;
import static io.pdslab.grader.grade.ReportText.testOutput;
import static io.pdslab.grader.grade.ReportText.truncate;

import io.pdslab.harness.html.Html;
import java.util.List;
import java.util.Locale;

/** {@code junit.xml}: one test case per graded test, for CI tools and IDEs. */
final class JunitReport implements ReportFormat {
  @Override
  public String fileName() {
    return "junit.xml";
  }

  @Override
  public String render(SubmissionGrade g, List<String> traceLinks) {
    return junit(g);
  }

  private static String junit(SubmissionGrade g) {
    long failures = g.tests().stream().filter(t -> !t.passed()).count();
    StringBuilder x = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    x.append(
        String.format(
            Locale.ROOT,
            "<testsuite name=\"%s\" tests=\"%d\" failures=\"%d\" errors=\"0\" time=\"%.3f\">%n",
            Html.escape(g.lab() + "/" + g.name()),
            g.tests().size(),
            failures,
            g.seconds()));
    for (TestGrade t : g.tests()) {
      x.append(
          String.format(
              "  <testcase classname=\"%s\" name=\"%s\"",
              Html.escape(t.test().id().className()), Html.escape(t.test().id().method())));
      if (t.passed()) {
        x.append("/>\n");
      } else if (t.result() != null && t.result().overloaded()) {
        x.append(">\n    <skipped message=\"")
            .append(Html.escape(testOutput(t)))
            .append("\"/>\n  </testcase>\n");
      } else {
        String out = testOutput(t);
        x.append(">\n    <failure message=\"")
            .append(Html.escape(firstLine(out)))
            .append("\">")
            .append(Html.escape(out))
            .append("</failure>\n  </testcase>\n");
      }
    }
    if (g.error() != null) {
      x.append("  <system-err>")
          .append(Html.escape(truncate(g.error(), MAX_ERROR)))
          .append("</system-err>\n");
    }
    x.append("</testsuite>\n");
    return x.toString();
  }
}
