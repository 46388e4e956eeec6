package io.pdslab.grader.handout;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pdslab.grader.build.LabBuild;
import io.pdslab.grader.build.SourceCompiler;
import io.pdslab.grader.grade.Example;
import io.pdslab.grader.manifest.LabManifest;
import io.pdslab.grader.manifest.ManifestLoader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every example submission, laid over its lab's reference as {@code grade --examples} lays it
 * (whole files, or a planted bug's edits, which must each still match once), compiles — unless its
 * EXPECTED line says it must not; and every EXPECTED line has a head {@code grade --examples} can
 * check. An example broken by a change elsewhere (given code that moved) would otherwise grade as a
 * compile error and teach nothing.
 */
class ExamplesCompileTest {
  @TempDir Path tmp;

  static Stream<String> labs() {
    return HandoutScoresZeroTest.labs();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("labs")
  void everyExampleCompilesOverTheReference(String lab) throws IOException {
    Path root = HandoutScoresZeroTest.root();
    LabManifest m = ManifestLoader.load(root, lab);
    Path labDir = root.resolve("labs").resolve(m.lab());
    LabBuild build = LabBuild.existing(root, lab);
    if (build == null) {
      build = LabBuild.build(root, lab);
    }
    for (Example ex : Example.of(m, labDir)) {
      if (ex.expectsCompileError()) {
        continue;
      }
      // Laid over the reference exactly as grade --examples lays it: a planted bug whose text
      // moved fails here, loudly, instead of grading as something else.
      Path src = ex.materialize(labDir, tmp.resolve(ex.name())).resolve("src/main/java");
      SourceCompiler.Result r =
          SourceCompiler.compile(
              List.of(src), build.dependencies(), tmp.resolve(ex.name() + "-out"));
      assertTrue(r.success(), () -> lab + " example " + ex.name() + ":\n" + r.errors());
    }
  }
}
