package io.pdslab.grader;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pdslab.grader.build.SourceCompiler;
import io.pdslab.grader.run.RunSpec;
import io.pdslab.grader.run.SandboxLimits;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Builds tiny fixture test classpaths for the grader's tests, without Maven. */
public final class Fixtures {
  private Fixtures() {}

  /** JUnit's jars, taken from this test JVM's classpath (not ArchUnit's engine: it needs more). */
  public static List<Path> junitClasspath() {
    String cp =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    return Arrays.stream(cp.split(File.pathSeparator))
        .filter(p -> p.contains("junit") || p.contains("opentest4j") || p.contains("apiguardian"))
        .filter(p -> !p.contains("archunit"))
        .map(Path::of)
        .toList();
  }

  /** Writes {@code files} (relative path → content) under {@code dir}. */
  public static void write(Path dir, Map<String, String> files) {
    files.forEach(
        (path, content) -> {
          try {
            Path f = dir.resolve(path);
            Files.createDirectories(f.getParent());
            Files.writeString(f, content);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  /** Copies a fixture resource folder's {@code .java.txt} files to {@code .java} files. */
  public static void copyResource(String resource, Path dir) {
    try {
      Path from = Path.of(Fixtures.class.getResource("/" + resource).toURI());
      try (var files = Files.walk(from)) {
        for (Path f : files.filter(Files::isRegularFile).toList()) {
          String rel = from.relativize(f).toString().replaceAll("\\.txt$", "");
          Path to = dir.resolve(rel);
          Files.createDirectories(to.getParent());
          Files.copy(f, to);
        }
      }
    } catch (IOException | java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Compiles {@code src} into {@code out} against JUnit; fails the test on errors. */
  public static Path compile(Path src, Path out) {
    return compile(src, out, List.of());
  }

  /** Compiles {@code src} into {@code out} against JUnit and {@code more}; fails on errors. */
  public static Path compile(Path src, Path out, List<Path> more) {
    List<Path> cp = new java.util.ArrayList<>(junitClasspath());
    cp.addAll(more);
    SourceCompiler.Result r = SourceCompiler.compile(List.of(src), cp, out);
    assertTrue(r.success(), r.errors());
    return out;
  }

  /** A run spec over compiled fixture classes with short timeouts. */
  public static RunSpec spec(Path classes, Path work, SandboxLimits limits, int testTimeoutSec) {
    List<Path> cp = new java.util.ArrayList<>(List.of(classes));
    cp.addAll(junitClasspath());
    return new RunSpec(
        cp,
        Map.of(),
        128,
        Duration.ofSeconds(testTimeoutSec),
        Duration.ofSeconds(120),
        work,
        limits);
  }
}
