package io.pdslab.grader.grade;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.pdslab.grader.GraderException;
import io.pdslab.grader.manifest.LabManifest;
import io.pdslab.grader.run.FileTrees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * An example submission bundled with a lab ({@code labs/<lab>/examples/<name>/}), graded by {@code
 * ./pdslab grade --examples} and compiled by the grader's tests. Its {@code EXPECTED} line says
 * what grading should report (the parts that lose points, or a status).
 *
 * <p>A <b>planted bug</b> ({@value #PLANTED_BUG}) is a few search-and-replace edits over the
 * reference's editable files: it follows the reference when code around it moves, and fails loudly
 * when its text is gone. An example may instead hold whole files, laid over the reference at their
 * paths: for submissions whose shape is the point (one that does not compile, one that edits given
 * code, a hostile one).
 *
 * @param lab the lab
 * @param name the folder's name
 * @param dir the folder
 * @param expected its {@code EXPECTED} line, or empty
 * @param edits the planted bug's edits; empty for a whole-file example
 */
public record Example(String lab, String name, Path dir, String expected, List<Edit> edits) {
  /** The file of a planted bug in an example's folder. */
  public static final String PLANTED_BUG = "bug.json";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> NOT_SUBMITTED = List.of("EXPECTED", PLANTED_BUG, "README.md");

  /**
   * One edit: {@code find} occurs exactly once in {@code file} of the reference and becomes {@code
   * replace}.
   *
   * @param file the path relative to the lab folder
   * @param find the reference's text
   * @param replace the buggy text
   */
  public record Edit(String file, String find, String replace) {}

  /** {@value #PLANTED_BUG}: what the bug is, and its edits. */
  record PlantedBug(String bug, List<Edit> edits) {}

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
    List<Edit> edits = List.of();
    Path bug = dir.resolve(PLANTED_BUG);
    if (Files.isRegularFile(bug)) {
      try {
        PlantedBug planted = JSON.readValue(bug.toFile(), PlantedBug.class);
        edits = planted.edits() == null ? List.of() : List.copyOf(planted.edits());
      } catch (IOException e) {
        throw new GraderException(bug + ": not a planted bug (" + e.getMessage() + ")", e);
      }
      if (edits.isEmpty()) {
        throw new GraderException(bug + ": a planted bug needs at least one edit");
      }
    }
    Example ex = new Example(m.lab(), dir.getFileName().toString(), dir, what, edits);
    ex.requireEditable(m);
    return ex;
  }

  /** Whether the example must not compile (its {@code EXPECTED} line starts with the status). */
  public boolean expectsCompileError() {
    return expected.startsWith(SubmissionStatus.COMPILE_ERROR.wireName());
  }

  /** Whether the example is a planted bug rather than whole files. */
  public boolean planted() {
    return !edits.isEmpty();
  }

  /**
   * Writes the submission this example stands for into {@code dest}: the reference's sources, then
   * the example's whole files over them, then its edits.
   *
   * @throws GraderException if an edit's text is not found exactly once (the reference moved)
   */
  public Path materialize(Path labDir, Path dest) {
    FileTrees.copy(labDir.resolve("src/main/java"), dest.resolve("src/main/java"));
    FileTrees.copyOver(dir, dest);
    for (String meta : NOT_SUBMITTED) {
      FileTrees.deleteQuietly(dest.resolve(meta));
    }
    for (Edit e : edits) {
      apply(e, labDir, dest);
    }
    return dest;
  }

  private void apply(Edit e, Path labDir, Path dest) {
    Path target = dest.resolve(e.file()).normalize();
    if (!target.startsWith(dest) || !Files.isRegularFile(labDir.resolve(e.file()))) {
      throw new GraderException(where() + ": no file " + e.file() + " in the reference");
    }
    try {
      String text = Files.readString(target, StandardCharsets.UTF_8);
      int at = text.indexOf(e.find());
      if (at < 0 || text.indexOf(e.find(), at + 1) >= 0) {
        throw new GraderException(
            where()
                + ": the text to replace in "
                + e.file()
                + (at < 0 ? " is no longer there" : " occurs more than once")
                + " (did the reference change?):\n"
                + e.find());
      }
      Files.writeString(
          target,
          text.substring(0, at) + e.replace() + text.substring(at + e.find().length()),
          StandardCharsets.UTF_8);
    } catch (IOException x) {
      throw new UncheckedIOException(x);
    }
  }

  /**
   * An example must change an editable file: one that does not would silently grade as the
   * reference, and an edit to given code would be ignored.
   */
  private void requireEditable(LabManifest m) throws IOException {
    EditableFiles globs = new EditableFiles(m.editable());
    for (Edit e : edits) {
      if (!globs.matches(Path.of(e.file()))) {
        throw new GraderException(
            where() + ": a planted bug may only edit editable files, not " + e.file());
      }
    }
    if (planted()) {
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

  private String where() {
    return "example " + lab + "/" + name;
  }
}
