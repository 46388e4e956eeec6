package io.pdslab.grader.handout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pdslab.grader.build.LabBuild;
import io.pdslab.grader.grade.Grader;
import io.pdslab.grader.grade.Reference;
import io.pdslab.grader.grade.SubmissionGrade;
import io.pdslab.grader.grade.SubmissionStatus;
import io.pdslab.grader.grade.TestGrade;
import io.pdslab.grader.manifest.LabManifest;
import io.pdslab.grader.manifest.ManifestLoader;
import io.pdslab.grader.run.SandboxLimits;
import io.pdslab.harness.testrun.PdslabProperties;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every lab of the project, graded as a student would hand in the untouched handout: it must
 * compile and score 0 on every graded test. A test that passes on a stub rewards no work; a new lab
 * gets this check by having a {@code lab.json}.
 */
class HandoutScoresZeroTest {
  @TempDir Path tmp;

  static Path root() {
    return Path.of(System.getProperty(PdslabProperties.ROOT, "..")).toAbsolutePath().normalize();
  }

  static Stream<String> labs() {
    return ManifestLoader.loadAll(root()).stream().map(LabManifest::lab);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("labs")
  void handoutStubsScoreZeroOnEveryGradedTest(String lab) {
    Path root = root();
    LabManifest m = ManifestLoader.load(root, lab);
    Path handout = tmp.resolve("handout");
    HandoutWriter.write(root, List.of(m), handout);

    // The outer build already wrote the lab's classpath; build it here only when run alone.
    LabBuild build = LabBuild.existing(root, lab);
    if (build == null) {
      build = LabBuild.build(root, lab);
    }
    Reference ref =
        Reference.prepare(m, build.labDir(), build.dependencies(), tmp.resolve("reference"));
    Grader grader =
        new Grader(ref, new Grader.Options(1, tmp.resolve("work"), SandboxLimits.GRADING));
    SubmissionGrade g =
        grader.grade(handout.resolve("labs").resolve(lab), "handout", (id, i) -> {});

    assertEquals(
        SubmissionStatus.GRADED, g.status(), () -> "the handout must compile: " + g.error());
    List<String> scoring =
        g.tests().stream()
            .filter(t -> t.score() > 0)
            .map(TestGrade::test)
            .map(t -> t.id() + " (" + t.points() + " points)")
            .toList();
    assertTrue(
        scoring.isEmpty(),
        () -> lab + ": graded tests that pass on the handout's stubs: " + scoring);
    assertEquals(0.0, g.score());
  }
}
