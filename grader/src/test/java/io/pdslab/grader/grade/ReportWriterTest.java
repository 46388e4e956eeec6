package io.pdslab.grader.grade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pdslab.grader.build.GradedTest;
import io.pdslab.grader.run.MethodResult;
import io.pdslab.grader.run.Results;
import io.pdslab.harness.testrun.TestId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reports are bounded, escaped, and say nothing of hidden tests but their names and results. */
class ReportWriterTest {
  static final GradedTest PUBLIC =
      new GradedTest(TestId.parse("p.PublicTest#works"), "A", 2, false, null);
  static final GradedTest HIDDEN =
      new GradedTest(TestId.parse("p.HiddenTest#secret"), "B", 3, true, null);
  static final GradedTest SLOW =
      new GradedTest(TestId.parse("p.PublicTest#slow"), "A", 1, false, null);
  static final String HOSTILE =
      "<script>alert('x')</script>\u0000\u0007\ud800 \"quoted\" & ]]>" + "y".repeat(1_000_000);

  @TempDir Path dir;

  @Test
  void hostileTextIsBoundedAndEscapedAndHiddenTestsSayOnlyFailed() throws Exception {
    SubmissionGrade g =
        new SubmissionGrade(
            "=cmd|' /C calc'!A0",
            "demo",
            SubmissionStatus.OVERLOADED,
            null,
            List.of(
                Grader.score(PUBLIC, Results.failed(PUBLIC.id(), HOSTILE), null),
                Grader.score(
                    HIDDEN, Results.failed(HIDDEN.id(), "expected <42> at Hidden.java:7"), null),
                Grader.score(SLOW, Results.overloaded(SLOW.id()), null)),
            List.of(),
            List.of("note " + HOSTILE),
            "printed " + HOSTILE,
            1.0,
            "./pdslab grade --lab demo x",
            List.of());
    ReportWriter.write(g, dir);
    ReportWriter.writeCsv(List.of(g), dir.resolve("grades.csv"));
    for (String f : List.of("results.json", "junit.xml", "report.html", "grades.csv")) {
      String text = Files.readString(dir.resolve(f));
      assertTrue(text.length() < 60_000, f + " is " + text.length() + " chars");
      // JSON escapes by its own rules; Gradescope shows that text as plain text, not HTML.
      assertFalse(text.contains("<script>") && !f.equals("results.json"), f);
      assertFalse(text.contains("expected <42>") || text.contains("Hidden.java"), f);
      assertFalse(text.contains("\u0007"), f);
    }
    JsonNode results = new ObjectMapper().readTree(dir.resolve("results.json").toFile());
    assertEquals("text", results.get("output_format").asText());
    assertEquals(
        "failed (a hidden test: its details are not shown)",
        results.get("tests").get(1).get("output").asText());
    assertTrue(results.get("tests").get(2).get("output").asText().contains("overloaded"));
    assertTrue(results.get("output").asText().contains("regrade"));
    DocumentBuilderFactory.newInstance()
        .newDocumentBuilder()
        .parse(dir.resolve("junit.xml").toFile()); // well-formed
    String html = Files.readString(dir.resolve("report.html"));
    assertTrue(html.contains("&lt;script&gt;alert(&#39;x&#39;)"), "escaped, not dropped");
    assertTrue(html.contains("not graded"));
    assertFalse(html.contains("printed"), "output beside hidden tests stays private");
    assertTrue(Files.readString(dir.resolve("grades.csv")).contains("\"'=cmd|"));
  }

  @Test
  void anOverloadedGradeKeepsItsPointsAndAsksForARegrade() throws IOException {
    SubmissionGrade g =
        grade(
            SubmissionStatus.OVERLOADED,
            new TestGrade(PUBLIC, null, 2, null),
            Grader.score(SLOW, Results.overloaded(SLOW.id()), null));
    assertEquals(2.0, g.score());
    ReportWriter.writeCsv(List.of(g), dir.resolve("grades.csv"));
    assertTrue(Files.readString(dir.resolve("grades.csv")).contains("demo,s,overloaded,2,3"));
  }

  @Test
  void aCheckTheBusyMachineCouldNotMeasureIsNamedInEveryReport() throws Exception {
    GradedTest check = PerfChecks.twoPoints(HIDDEN.id());
    MethodResult r = new MethodResult(check.id());
    r.putEntry(Grader.UNMEASURED_ENTRY, "the machine was busy");
    SubmissionGrade g =
        grade(
            SubmissionStatus.GRADED,
            new TestGrade(PUBLIC, null, 2, null),
            new TestGrade(check, r, 2, null));
    assertEquals(List.of(g.tests().get(1)), g.unmeasured());
    ReportWriter.write(g, dir);
    ReportWriter.writeCsv(List.of(g), dir.resolve("grades.csv"));
    assertEquals(
        List.of(GradesCsv.HEADER, "demo,s,graded,4,4,1.0,1"),
        Files.readAllLines(dir.resolve("grades.csv")));
    String line = "not measured: HiddenTest#secret: the machine was busy";
    JsonNode results = new ObjectMapper().readTree(dir.resolve("results.json").toFile());
    assertTrue(results.get("output").asText().contains(line), results.toString());
    assertTrue(Files.readString(dir.resolve("report.html")).contains(line));
  }

  @Test
  void bonusPointsComeOnTopOfTheMaximum() throws Exception {
    GradedTest bonus = new GradedTest(TestId.parse("p.ExtraTest#more"), "E", 3, false, null, true);
    SubmissionGrade g =
        grade(
            SubmissionStatus.GRADED,
            new TestGrade(PUBLIC, null, 2, null),
            new TestGrade(bonus, null, 3, null));
    assertEquals(5.0, g.score(), "bonus points count");
    assertEquals(2.0, g.maxScore(), "but not toward the maximum");
    ReportWriter.write(g, dir);
    ReportWriter.writeCsv(List.of(g), dir.resolve("grades.csv"));
    assertTrue(Files.readString(dir.resolve("grades.csv")).contains("demo,s,graded,5,2"));
    JsonNode results = new ObjectMapper().readTree(dir.resolve("results.json").toFile());
    assertEquals(5.0, results.get("score").asDouble());
    assertTrue(results.get("tests").get(1).get("tags").toString().contains("bonus"));
    assertTrue(Files.readString(dir.resolve("report.html")).contains("Part E (bonus)"));
    DocumentBuilderFactory.newInstance()
        .newDocumentBuilder()
        .parse(dir.resolve("junit.xml").toFile()); // well-formed
  }

  /** A grade of submission "s" of lab "demo" with these tests, nothing else to say. */
  private static SubmissionGrade grade(SubmissionStatus status, TestGrade... tests) {
    return new SubmissionGrade(
        "s", "demo", status, null, List.of(tests), List.of(), List.of(), "", 1.0, "r", List.of());
  }
}
