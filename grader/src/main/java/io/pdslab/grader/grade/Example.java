package io.pdslab.grader.grade;

import io.pdslab.grader.GraderException;
import io.pdslab.grader.manifest.LabManifest;
import io.pdslab.grader.run.FileTrees;
import io.pdslab.harness.testrun.PlantedBug;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * An example submission bundled with a lab ({@code labs/<lab>/examples/<name>/}), graded by {@code
 * ./pdslab grade --examples} and compiled by the grader's tests. Its {@code EXPECTED} line says
 * what grading should report (the parts that lose points, or a status; see {@link Expectation}).
 *
 * <p>A <b>planted bug</b> ({@value #PLANTED_BUG}, a harness {@link PlantedBug}) is a few
 * search-and-replace edits over the reference's editable files: it follows the reference when code
 * around it moves, and fails loudly when its text is gone. An example may instead hold whole files,
 * laid over the reference at their paths: for submissions whose shape is the point (one that does
 * not compile, one that edits given code, a hostile one).
 *
 * @param lab the lab
 * @param name the folder's name
 * @param dir the folder
 * @param expected its {@code EXPECTED} line, or empty
 * @param bug the planted bug; empty for a whole-file example
 */
public record Example(
    String lab, String name, Path dir, String expected, Optional<PlantedBug> bug) {
  /** The file of a planted bug in an example's folder. */
  public static final String PLANTED_BUG = PlantedBug.FILE_NAME;

  private static final List<String> NOT_SUBMITTED = List.of("EXPECTED", PLANTED_BUG, "README.md");

  /** Every example of a lab, sorted by name; none if it has no {@code examples} folder. */
  public static List<Example> of(LabManifest m, Path labDir) {
    Path examples = labDir.resolve("examples");
    if (!Files.isDirectory(examples)) {
      return List.of();
    }
    List<Example> out = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(examples)) {
      for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
        out.add(read(m, dir));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  private static Example read(LabManifest m, Path dir) throws IOException {
    Path expected = dir.resolve("EXPECTED");
    String what =
        Files.isRegularFile(expected)
            ? Files.readString(expected, StandardCharsets.UTF_8).strip()
            : "";
    String name = dir.getFileName().toString();
    Optional<PlantedBug> bug = Optional.empty();
    Path file = dir.resolve(PLANTED_BUG);
    if (Files.isRegularFile(file)) {
      try {
        bug = Optional.of(PlantedBug.read(file, where(m.lab(), name)));
      } catch (IllegalArgumentException e) {
        throw new GraderException(e.getMessage(), e);
      }
    }
    Example ex = new Example(m.lab(), name, dir, what, bug);
    ex.requireEditable(m);
    ex.expectation();
    return ex;
  }

  /**
   * What grading should report, read from the head of its {@code EXPECTED} line.
   *
   * @throws GraderException naming the example if the line is missing or has no known head
   */
  public Expectation expectation() {
    try {
      return Expectation.parse(expected);
    } catch (IllegalArgumentException e) {
      throw new GraderException(where(lab, name) + "/EXPECTED: " + e.getMessage(), e);
    }
  }

  /** Whether the example must not compile. */
  public boolean expectsCompileError() {
    return expectation().compileError();
  }

  /** Whether the example is a planted bug rather than whole files. */
  public boolean planted() {
    return bug.isPresent();
  }

  /**
   * Writes the submission this example stands for into {@code dest}: the reference's sources, then
   * the example's whole files over them, then its planted bug.
   *
   * @throws GraderException if an edit's text is not found exactly once (the reference moved)
   */
  public Path materialize(Path labDir, Path dest) {
    FileTrees.copy(labDir.resolve("src/main/java"), dest.resolve("src/main/java"));
    FileTrees.copyOver(dir, dest);
    for (String meta : NOT_SUBMITTED) {
      FileTrees.deleteQuietly(dest.resolve(meta));
    }
    try {
      bug.ifPresent(b -> b.applyTo(dest));
    } catch (IllegalArgumentException e) {
      throw new GraderException(e.getMessage(), e);
    }
    return dest;
  }

  /**
   * An example must change an editable file: one that does not would silently grade as the
   * reference, and an edit to given code would be ignored.
   */
  private void requireEditable(LabManifest m) throws IOException {
    EditableFiles globs = new EditableFiles(m.editable());
    if (bug.isPresent()) {
      for (String f : bug.get().files()) {
        if (!globs.matches(Path.of(f))) {
          throw new GraderException(
              where(lab, name) + ": a planted bug may only edit editable files, not " + f);
        }
      }
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      if (files.noneMatch(f -> Files.isRegularFile(f) && globs.matches(dir.relativize(f)))) {
        throw new GraderException(
            dir
                + " holds no editable file (the lab's editable files: "
                + String.join(", ", m.editable())
                + ") and no "
                + PLANTED_BUG
                + ", so it would grade as the reference");
      }
    }
  }

  private static String where(String lab, String name) {
    return "example " + lab + "/" + name;
  }
}
