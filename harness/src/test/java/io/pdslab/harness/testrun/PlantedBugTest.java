package io.pdslab.harness.testrun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A planted bug is read from its JSON form and applied exactly where its text occurs once. */
class PlantedBugTest {
  private static final String FILE = "src/main/java/Counter.java";

  @TempDir Path tmp;

  private Path tree(String source) throws Exception {
    Path f = tmp.resolve("lab").resolve(FILE);
    Files.createDirectories(f.getParent());
    Files.writeString(f, source);
    return tmp.resolve("lab");
  }

  @Test
  void readsItsJsonFormAndAppliesTheEdits() throws Exception {
    Path json = tmp.resolve("bug.json");
    Files.writeString(
        json,
        """
        {"bug": "counts twice",
         "edits": [{"file": "%s", "find": "value++;", "replace": "value += 2;"}]}
        """
            .formatted(FILE));
    PlantedBug bug = PlantedBug.read(json, "demo/double");
    assertEquals("counts twice", bug.bug());
    assertEquals(List.of(FILE), bug.files());
    Path lab = tree("class Counter { int value; void inc() { value++; } }");
    bug.applyTo(lab);
    assertEquals(
        "class Counter { int value; void inc() { value += 2; } }",
        Files.readString(lab.resolve(FILE)));
  }

  @Test
  void textThatMovedOrRepeatsFailsNamingTheBug() throws Exception {
    PlantedBug bug =
        new PlantedBug("demo/stale", "x", List.of(new PlantedBug.Edit(FILE, "count++;", "")));
    IllegalArgumentException gone =
        assertThrows(IllegalArgumentException.class, () -> bug.applyTo(tree("value++;")));
    assertTrue(gone.getMessage().startsWith("demo/stale: "), gone.getMessage());
    assertTrue(gone.getMessage().contains("no longer there"), gone.getMessage());
    IllegalArgumentException twice =
        assertThrows(IllegalArgumentException.class, () -> bug.applyTo(tree("count++; count++;")));
    assertTrue(twice.getMessage().contains("more than once"), twice.getMessage());
  }

  @Test
  void badInputIsRefusedWithItsName() throws Exception {
    Path json = tmp.resolve("bug.json");
    Files.writeString(json, "{\"bug\": \"none\", \"edits\": []}");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> PlantedBug.read(json, "demo/empty"));
    assertTrue(
        e.getMessage().contains("demo/empty: a planted bug needs at least one edit"),
        e.getMessage());
    Files.writeString(json, "{\"bug\": ");
    assertThrows(IllegalArgumentException.class, () -> PlantedBug.read(json, "demo/broken"));
    PlantedBug outside =
        new PlantedBug("demo/out", "x", List.of(new PlantedBug.Edit("../x.java", "a", "b")));
    assertThrows(IllegalArgumentException.class, () -> outside.applyTo(tree("a")));
  }
}
