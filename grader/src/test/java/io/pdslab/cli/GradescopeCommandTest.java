package io.pdslab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What Gradescope unpacks into /autograder/source: a buildable one-lab project and two scripts. */
class GradescopeCommandTest {
  @TempDir Path dir;

  @Test
  void theZipHoldsTheScriptsAndAOneLabInstructorCopy() throws Exception {
    Path zip = dir.resolve("autograder.zip");
    assertEquals(
        Pdslab.OK, Pdslab.run("gradescope", "--lab", "concurrent", "--out", zip.toString()));

    try (FileSystem fs =
        FileSystems.newFileSystem(
            URI.create("jar:" + zip.toUri()), Map.of("enablePosixFileAttributes", "true"))) {
      Path root = fs.getPath("/");
      List<String> files;
      try (Stream<Path> walk = Files.walk(root)) {
        files = walk.filter(Files::isRegularFile).map(p -> root.relativize(p).toString()).toList();
      }
      for (String script : List.of("setup.sh", "run_autograder", "mvnw", "pdslab")) {
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(root.resolve(script));
        assertTrue(perms.contains(PosixFilePermission.OWNER_EXECUTE), script + " " + perms);
      }
      String run = Files.readString(root.resolve("run_autograder"));
      assertTrue(run.contains("grade --lab concurrent --seeds 3"), run);
      assertTrue(run.contains("/autograder/results/results.json"), run);

      String pom = Files.readString(root.resolve("pom.xml"));
      assertTrue(pom.contains("<module>labs/concurrent</module>"), pom);
      assertFalse(pom.contains("labs/raft"), "other labs are left out: " + pom);
      assertTrue(files.contains("labs/concurrent/lab.json"), files.toString());
      assertTrue(
          files.stream().anyMatch(f -> f.startsWith("labs/concurrent/src/hidden/java/")),
          "the grader needs the hidden tests");
      assertFalse(files.stream().anyMatch(f -> f.startsWith("labs/raft/")), files.toString());
      assertFalse(
          files.stream().anyMatch(f -> f.contains("/target/") || f.startsWith(".git/")),
          files.toString());
    }

    StringWriter err = new StringWriter();
    PrintWriter w = new PrintWriter(err, true);
    assertEquals(
        Pdslab.USAGE,
        Pdslab.run(w, w, "gradescope", "--lab", "concurrent", "--out", zip.toString()));
    assertTrue(err.toString().contains("exists"), err.toString());
  }
}
