package io.pdslab.grader.grade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pdslab.grader.Fixtures;
import io.pdslab.grader.GraderException;
import io.pdslab.grader.manifest.LabManifest;
import io.pdslab.grader.manifest.ManifestLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A planted bug is the reference plus its edits, and says so loudly when it no longer applies. */
class ExampleTest {
  private static final String COUNTER = "src/main/java/io/pdslab/labs/demo/Counter.java";

  @TempDir Path tmp;
  Path labDir;
  LabManifest manifest;

  @BeforeEach
  void copyTheFixtureLab() {
    labDir = tmp.resolve("labs/demo");
    Fixtures.copyResource("fixture-lab/demo", labDir);
    manifest = ManifestLoader.load(tmp, "demo");
  }

  private void plant(String name, String file, String find, String replace) {
    Fixtures.write(
        labDir.resolve("examples").resolve(name),
        Map.of(
            "EXPECTED",
            "fails: A",
            Example.PLANTED_BUG,
            """
            {"bug": "planted", "edits": [{"file": "%s", "find": "%s", "replace": "%s"}]}
            """
                .formatted(file, find, replace)));
  }

  private Example example(String name) {
    return Example.of(manifest, labDir).stream()
        .filter(e -> e.name().equals(name))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void aPlantedBugIsTheReferenceWithItsEdits() throws Exception {
    plant("double-count", COUNTER, "    value++;", "    value += 2;");
    Example ex = example("double-count");
    assertTrue(ex.planted());
    Path out = ex.materialize(labDir, tmp.resolve("out"));
    String reference = Files.readString(labDir.resolve(COUNTER));
    assertEquals(
        reference.replace("    value++;", "    value += 2;"),
        Files.readString(out.resolve(COUNTER)));
    assertTrue(Files.notExists(out.resolve(Example.PLANTED_BUG)), "metadata is not submitted");
    assertTrue(Files.notExists(out.resolve("EXPECTED")));
  }

  @Test
  void anEditWhoseTextMovedFailsNamingTheExample() {
    plant("stale", COUNTER, "    count++;", "    count += 2;");
    GraderException e =
        assertThrows(
            GraderException.class, () -> example("stale").materialize(labDir, tmp.resolve("out")));
    assertTrue(e.getMessage().contains("demo/stale"), e.getMessage());
    assertTrue(e.getMessage().contains("no longer there"), e.getMessage());
  }

  @Test
  void aPlantedBugMayEditOnlyEditableFiles() {
    plant("in-a-test", "src/test/java/io/pdslab/labs/demo/CounterTest.java", "a", "b");
    GraderException e = assertThrows(GraderException.class, () -> Example.of(manifest, labDir));
    assertTrue(e.getMessage().contains("only edit editable files"), e.getMessage());
  }

  @Test
  void wholeFileExamplesStillWork() {
    List<Example> all = Example.of(manifest, labDir);
    Example noReset =
        all.stream().filter(e -> e.name().equals("no-reset")).findFirst().orElseThrow();
    assertTrue(!noReset.planted());
    Path out = noReset.materialize(labDir, tmp.resolve("whole"));
    assertTrue(Files.isRegularFile(out.resolve(COUNTER)));
  }

  @Test
  void anExpectedLineWithoutAKnownHeadFailsNamingTheExample() {
    plant("vague", COUNTER, "    value++;", "    value += 2;");
    Fixtures.write(labDir.resolve("examples/vague"), Map.of("EXPECTED", "should lose points"));
    GraderException e = assertThrows(GraderException.class, () -> Example.of(manifest, labDir));
    assertTrue(e.getMessage().startsWith("example demo/vague/EXPECTED: "), e.getMessage());
  }
}
