package io.pdslab.harness.testrun;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A known bug planted in a lab's reference by a few search-and-replace edits, the one format for
 * every check that the tests catch real bugs: the examples {@code ./pdslab grade --examples} grades
 * ({@code examples/<name>/bug.json}) and the labs' own in-build self-checks (e.g. the Raft lab's
 * {@code KnownBugsTest}). Its JSON form:
 *
 * <pre>{@code
 * {"bug": "what is wrong",
 *  "edits": [{"file": "src/main/java/.../Raft.java", "find": "...", "replace": "..."}]}
 * }</pre>
 *
 * <p>Each {@code find} is text of the reference that must occur exactly once in its file (a path
 * relative to the lab's folder): a planted bug follows the reference when code around it moves, and
 * fails loudly, naming itself, when its text is gone.
 *
 * @param name what the bug is known by in error messages (e.g. {@code example raft/no-log-check})
 * @param bug what is wrong, in a sentence
 * @param edits its edits, at least one
 */
public record PlantedBug(String name, String bug, List<Edit> edits) {
  /** The file name of a planted bug in an example's folder. */
  public static final String FILE_NAME = "bug.json";

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  /**
   * One edit: {@code find} occurs exactly once in {@code file} of the reference and becomes {@code
   * replace}.
   *
   * @param file the path relative to the lab's folder
   * @param find the reference's text
   * @param replace the buggy text
   */
  public record Edit(String file, String find, String replace) {}

  /** The JSON form, without the name (which is where it was read from). */
  record Form(String bug, List<Edit> edits) {}

  /** A planted bug; {@code edits} must not be empty. */
  public PlantedBug {
    edits = List.copyOf(edits);
    if (edits.isEmpty()) {
      throw new IllegalArgumentException(name + ": a planted bug needs at least one edit");
    }
    for (Edit e : edits) {
      if (e.file() == null || e.find() == null || e.find().isEmpty() || e.replace() == null) {
        throw new IllegalArgumentException(
            name + ": every edit needs a file, a non-empty find and a replace: " + e);
      }
    }
  }

  /**
   * Reads a planted bug from its JSON file.
   *
   * @param file the JSON file
   * @param name what the bug is known by in error messages
   * @throws IllegalArgumentException naming {@code name} if the file is not a planted bug
   */
  public static PlantedBug read(Path file, String name) {
    Form form;
    try {
      form = JSON.readValue(file.toFile(), Form.class);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          name + ": " + file + " is not a planted bug (" + e.getMessage() + ")", e);
    }
    return new PlantedBug(
        name, form.bug(), form.edits() == null ? List.of() : form.edits().stream().toList());
  }

  /** The files the edits change, relative to the lab's folder, each once in order. */
  public List<String> files() {
    return edits.stream().map(Edit::file).distinct().toList();
  }

  /**
   * Applies the edits to the copy of the reference in {@code tree} (the lab's folder or a copy of
   * its relevant files), in place.
   *
   * @throws IllegalArgumentException naming this bug if a file is missing or outside {@code tree},
   *     or a {@code find} does not occur exactly once (the reference changed)
   */
  public void applyTo(Path tree) {
    Path root = tree.toAbsolutePath().normalize();
    for (Edit e : edits) {
      Path target = root.resolve(e.file()).normalize();
      if (!target.startsWith(root) || !Files.isRegularFile(target)) {
        throw new IllegalArgumentException(name + ": no file " + e.file() + " in the reference");
      }
      try {
        Files.writeString(
            target,
            apply(e, Files.readString(target, StandardCharsets.UTF_8)),
            StandardCharsets.UTF_8);
      } catch (IOException x) {
        throw new UncheckedIOException(x);
      }
    }
  }

  private String apply(Edit e, String text) {
    int at = text.indexOf(e.find());
    if (at < 0 || text.indexOf(e.find(), at + 1) >= 0) {
      throw new IllegalArgumentException(
          name
              + ": the text to replace in "
              + e.file()
              + (at < 0 ? " is no longer there" : " occurs more than once")
              + " (did the reference change?):\n"
              + e.find());
    }
    return text.substring(0, at) + e.replace() + text.substring(at + e.find().length());
  }
}
