package io.pdslab.grader.grade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pdslab.grader.Fixtures;
import io.pdslab.grader.manifest.LabManifest;
import io.pdslab.grader.manifest.ManifestLoader;
import io.pdslab.grader.run.SandboxLimits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A submission that changes given code (here so that it would not even compile) is graded as if it
 * had not: the given version is built, and the report says which file was ignored.
 */
class GivenCodeTest {
  private static final String DEMO = "src/main/java/io/pdslab/labs/demo/";
  private static final String STEP = DEMO + "given/Step.java";

  @TempDir Path tmp;

  @Test
  void aChangedGivenFileIsIgnoredAndReported() throws Exception {
    Path labDir = tmp.resolve("project/labs/demo");
    Fixtures.copyResource("fixture-lab/demo", labDir);
    Fixtures.write(
        labDir,
        Map.of(
            STEP,
            "package io.pdslab.labs.demo.given;\n\n"
                + "/** Given code. */\npublic final class Step {\n  private Step() {}\n}\n"));
    LabManifest m = ManifestLoader.load(tmp.resolve("project"), "demo");
    Path work = tmp.resolve("work");
    Reference ref =
        Reference.prepare(m, labDir, Fixtures.junitClasspath(), work.resolve("reference"));
    Grader grader =
        new Grader(ref, new Grader.Options(1, work, new SandboxLimits(true, 400, 16, 32, 768)));
    Path submission = tmp.resolve("submission");
    Fixtures.write(
        submission,
        Map.of(
            "labs/demo/" + DEMO + "Counter.java",
            Files.readString(labDir.resolve(DEMO + "Counter.java")),
            "labs/demo/" + STEP,
            "package io.pdslab.labs.demo.given;\n\npublic final class Step { broken\n"));

    SubmissionGrade g = grader.grade(submission, "changed-given", (id, i) -> {});

    assertEquals(SubmissionStatus.GRADED, g.status(), g.error());
    assertEquals(g.maxScore(), g.score(), () -> g.tests().toString());
    assertTrue(g.ignored().contains(STEP), g.ignored()::toString);
    assertTrue(
        g.notes().stream().anyMatch(n -> n.contains("ignored") && n.endsWith(STEP)),
        g.notes()::toString);
    Path report = tmp.resolve("report");
    ReportWriter.write(g, report);
    assertTrue(Files.readString(report.resolve("report.html")).contains(STEP));
  }
}
