package io.pdslab.grader.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Whether the default benchmarks jar ({@code benchmarks/target/benchmarks.jar}) must be built
 * before a run: it is missing, or a source it is built from changed since. A jar older than the
 * code it measures would report the old code's figures under the new code's name: a benchmarker who
 * just sped up a reference would see no change.
 */
public final class BenchJar {
  /** The jar, relative to the project root. */
  public static final String PATH = "benchmarks/target/benchmarks.jar";

  /** What the jar is built from, relative to the project root: the build files and main sources. */
  private static final List<String> SOURCES =
      List.of(
          "pom.xml",
          "benchmarks/pom.xml",
          "benchmarks/src/main",
          "harness/pom.xml",
          "harness/src/main");

  private BenchJar() {}

  /**
   * Why the jar under {@code root} must be built, or empty if it is up to date: "missing", or the
   * first source found newer than the jar. Every lab's {@code pom.xml} and {@code src/main} count
   * (the benchmarks measure the labs' references).
   */
  public static Optional<String> staleness(Path root) {
    Path jar = root.resolve(PATH);
    if (!Files.isRegularFile(jar)) {
      return Optional.of("missing");
    }
    try {
      FileTime built = Files.getLastModifiedTime(jar);
      for (Path source : sources(root)) {
        Optional<Path> newer = newerThan(source, built);
        if (newer.isPresent()) {
          return Optional.of(root.relativize(newer.get()) + " changed since it was built");
        }
      }
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Path> sources(Path root) throws IOException {
    List<Path> sources = new ArrayList<>();
    SOURCES.forEach(s -> sources.add(root.resolve(s)));
    Path labs = root.resolve("labs");
    if (Files.isDirectory(labs)) {
      try (Stream<Path> lab = Files.list(labs)) {
        lab.filter(Files::isDirectory)
            .sorted()
            .forEach(l -> sources.addAll(List.of(l.resolve("pom.xml"), l.resolve("src/main"))));
      }
    }
    return sources;
  }

  /** The first regular file at or under {@code source} modified after {@code built}. */
  private static Optional<Path> newerThan(Path source, FileTime built) throws IOException {
    if (!Files.exists(source)) {
      return Optional.empty();
    }
    try (Stream<Path> files = Files.walk(source)) {
      return files
          .filter(Files::isRegularFile)
          .filter(f -> modified(f).compareTo(built) > 0)
          .findFirst();
    }
  }

  private static FileTime modified(Path file) {
    try {
      return Files.getLastModifiedTime(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
