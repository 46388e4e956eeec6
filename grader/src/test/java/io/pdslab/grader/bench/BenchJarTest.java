package io.pdslab.grader.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchJarTest {
  private static final Instant BUILT = Instant.parse("2026-12-01T10:00:00Z");

  @TempDir Path root;

  @Test
  void aMissingJarIsBuilt() {
    assertEquals(Optional.of("missing"), BenchJar.staleness(root));
  }

  @Test
  void aJarNewerThanEverySourceIsKept() throws IOException {
    write("labs/concurrent/src/main/java/Ref.java", BUILT.minusSeconds(60));
    write("harness/src/main/java/Sim.java", BUILT.minusSeconds(60));
    write(BenchJar.PATH, BUILT);

    assertEquals(Optional.empty(), BenchJar.staleness(root));
  }

  @Test
  void aLabReferenceChangedAfterTheBuildMakesTheJarStale() throws IOException {
    write("harness/src/main/java/Sim.java", BUILT.minusSeconds(60));
    write("labs/concurrent/src/main/java/Ref.java", BUILT.plusSeconds(60));
    write(BenchJar.PATH, BUILT);

    assertEquals(
        Optional.of("labs/concurrent/src/main/java/Ref.java changed since it was built"),
        BenchJar.staleness(root));
  }

  @Test
  void testsAndExamplesDoNotCount() throws IOException {
    write("labs/concurrent/src/test/java/RefTest.java", BUILT.plusSeconds(60));
    write("labs/concurrent/examples/bug/bug.json", BUILT.plusSeconds(60));
    write(BenchJar.PATH, BUILT);

    assertEquals(Optional.empty(), BenchJar.staleness(root));
  }

  private void write(String path, Instant modified) throws IOException {
    Path file = root.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, path);
    Files.setLastModifiedTime(file, FileTime.from(modified));
  }
}
