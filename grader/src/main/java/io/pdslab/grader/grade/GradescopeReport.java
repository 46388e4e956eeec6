package io.pdslab.grader.grade;

import static io.pdslab.grader.grade.ReportText.summary;
import static io.pdslab.grader.grade.ReportText.testOutput;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Gradescope's {@code results.json}, all of it plain text (Gradescope would render HTML). */
public final class GradescopeReport implements ReportFormat {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  @Override
  public String fileName() {
    return "results.json";
  }

  @Override
  public String render(SubmissionGrade g, List<String> traceLinks) throws IOException {
    return JSON.writeValueAsString(gradescope(g));
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
      if (t.test().bonus()) {
        tags.add("bonus"); // its max_score is not in the assignment's total: extra credit
      }
      e.put("tags", tags);
      e.put("visibility", t.test().hidden() ? "after_published" : "visible");
      tests.add(e);
    }
    root.put("tests", tests);
    return root;
  }
}
