package io.pdslab.grader.handout;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pdslab.grader.build.LabBuild;
import io.pdslab.grader.build.SourceCompiler;
import io.pdslab.grader.grade.SubmissionStatus;
import io.pdslab.grader.manifest.LabManifest;
import io.pdslab.grader.manifest.ManifestLoader;
import io.pdslab.grader.run.FileTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every example submission, laid over its lab's reference as {@code grade --examples} lays it,
 * compiles — unless its EXPECTED line says it must not. An example broken by a change elsewhere
 * (given code that moved) would otherwise grade as a compile error and teach nothing.
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
    Path examples = labDir.resolve("examples");
    if (!Files.isDirectory(examples)) {
      return;
    }
    LabBuild build = LabBuild.existing(root, lab);
    if (build == null) {
      build = LabBuild.build(root, lab);
    }
    List<Path> dirs;
    try (Stream<Path> list = Files.list(examples)) {
      dirs = list.filter(Files::isDirectory).sorted().toList();
    }
    for (Path ex : dirs) {
      Path expected = ex.resolve("EXPECTED");
      if (Files.isRegularFile(expected)
          && Files.readString(expected)
              .strip()
              .startsWith(SubmissionStatus.COMPILE_ERROR.wireName())) {
        continue;
      }
      Path src = tmp.resolve(ex.getFileName()).resolve("src");
      FileTrees.copy(labDir.resolve("src/main/java"), src);
      FileTrees.copyOver(ex.resolve("src/main/java"), src);
      SourceCompiler.Result r =
          SourceCompiler.compile(
              List.of(src), build.dependencies(), tmp.resolve(ex.getFileName()).resolve("out"));
      assertTrue(r.success(), () -> lab + " example " + ex.getFileName() + ":\n" + r.errors());
    }
  }
}
