package io.pdslab.grader.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pdslab.harness.testrun.PdslabProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestLoaderTest {
  @TempDir Path root;

  private Path write(String lab, String json) throws IOException {
    Path dir = Files.createDirectories(root.resolve("labs").resolve(lab));
    return Files.writeString(dir.resolve(ManifestLoader.FILE_NAME), json);
  }

  @Test
  void readsPartsPointsAndDefaults() throws IOException {
    write(
        "demo",
        """
        {"lab": "demo", "title": "Demo", "editable": ["src/main/java/**/*.java"],
         "parts": [{"id": "A", "title": "One", "tests": [
            {"select": "x.ATest", "points": 3},
            {"select": "x.BTest#m", "points": 2, "hidden": true}]}],
         "performance": [{"name": "p", "benchmark": "x.Bench", "minRatio": 0.5, "points": 5}]}
        """);
    LabManifest m = ManifestLoader.load(root, "demo");
    assertEquals(10, m.totalPoints());
    assertEquals(5, m.parts().get(0).points());
    assertTrue(m.parts().get(0).tests().get(1).hidden());
    assertEquals(120, m.limits().testTimeoutSeconds());
  }

  @Test
  void aBonusPartIsLeftOutOfTheMaximum() throws IOException {
    write(
        "demo",
        """
        {"lab": "demo", "editable": ["src/main/java/**/*.java"], "parts": [
           {"id": "A", "title": "One", "tests": [{"select": "x.ATest", "points": 3}]},
           {"id": "E", "title": "Extra", "bonus": true,
            "tests": [{"select": "x.ETest", "points": 2}]}]}
        """);
    LabManifest m = ManifestLoader.load(root, "demo");
    assertEquals(3, m.totalPoints());
    assertEquals(2, m.bonusPoints());
    assertTrue(m.parts().get(1).bonus());
    assertFalse(m.parts().get(0).bonus());
  }

  @Test
  void namesTheFieldAtFault() throws IOException {
    write(
        "demo",
        """
        {"lab": "demo", "editable": [], "parts": [{"id": "A", "title": "One",
          "tests": [{"select": "x.ATest", "points": -1}]}]}
        """);
    ManifestException e =
        assertThrows(ManifestException.class, () -> ManifestLoader.load(root, "demo"));
    assertTrue(e.getMessage().contains("parts[0].tests[0].points"), e.getMessage());
  }

  @Test
  void readsTheApiAllowlistAndTheRatioBounds() throws IOException {
    write(
        "demo",
        """
        {"lab": "demo", "editable": [], "parts": [],
         "allowedApis": ["java.lang.invoke.VarHandle", "org.apache.pekko.**", "!java.util.Timer"],
         "performance": [
           {"name": "p", "benchmark": "x.B#m", "minRatio": 0.4, "fullRatio": 0.8, "points": 2}]}
        """);
    LabManifest m = ManifestLoader.load(root, "demo");
    assertEquals(
        List.of("java.lang.invoke.VarHandle", "org.apache.pekko.**", "!java.util.Timer"),
        m.allowedApis());
    LabManifest.PerformanceCheck p = m.performance().get(0);
    assertEquals(2.0, p.score(0.8));
    assertEquals(2.0, p.score(1.3));
    assertEquals(0.0, p.score(0.4));
    assertEquals(1.0, p.score(0.6));
    assertEquals(0.75, p.score(0.58), "quarter points, rounded down");
  }

  @Test
  void refusesAMalformedApiRuleOrInvertedBounds() throws IOException {
    write(
        "demo",
        """
        {"lab": "demo", "editable": [], "parts": [], "allowedApis": ["java.lang.System#"]}
        """);
    ManifestException e =
        assertThrows(ManifestException.class, () -> ManifestLoader.load(root, "demo"));
    assertTrue(e.getMessage().contains("allowedApis[0]"), e.getMessage());
    write(
        "demo",
        """
        {"lab": "demo", "editable": [], "parts": [], "performance": [
          {"name": "p", "benchmark": "x.B#m", "minRatio": 0.8, "fullRatio": 0.5, "points": 2}]}
        """);
    e = assertThrows(ManifestException.class, () -> ManifestLoader.load(root, "demo"));
    assertTrue(e.getMessage().contains("performance[0].fullRatio"), e.getMessage());
  }

  @Test
  void reportsBadJsonWithLine() throws IOException {
    write("demo", "{\n\"lab\": \"demo\",\n oops }");
    ManifestException e =
        assertThrows(ManifestException.class, () -> ManifestLoader.load(root, "demo"));
    assertTrue(e.getMessage().contains("line 3"), e.getMessage());
  }

  @Test
  void rejectsUnknownLab() {
    ManifestException e =
        assertThrows(ManifestException.class, () -> ManifestLoader.load(root, "nope"));
    assertTrue(e.getMessage().contains("no lab named 'nope'"), e.getMessage());
  }

  @Test
  void theProjectsOwnManifestsLoad() {
    Path project = Path.of(System.getProperty(PdslabProperties.ROOT, "..")).toAbsolutePath();
    assertTrue(ManifestLoader.loadAll(project).size() >= 2);
  }
}
