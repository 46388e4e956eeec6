package io.pdslab.grader.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.pdslab.grader.Fixtures;
import io.pdslab.harness.testrun.TestId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What untrusted code sees and may do in the sandbox. Each check is a test the fixture runs inside
 * it, written so that it passes only if the sandbox holds; the host is then checked from outside.
 */
class SandboxTest {
  @TempDir static Path dir;
  static Path classes;
  static Path outside;
  static Path otherSubmission;

  @BeforeAll
  static void compileFixture() throws IOException {
    assumeTrue(
        Sandbox.bubblewrapAvailable(),
        "bubblewrap is missing or unusable here (" + Sandbox.unusableReason() + "): skipped");
    Path project = Path.of("").toAbsolutePath().getParent(); // surefire runs in grader/
    assertTrue(Files.isRegularFile(project.resolve("pom.xml")), project.toString());
    otherSubmission = Files.createDirectories(dir.resolve("submissions/other/run"));
    Files.writeString(otherSubmission.resolve("Secret.java"), "class Secret {}");
    outside = dir.resolve("submissions/escaped.txt");
    String junitJar = Fixtures.junitClasspath().get(0).toString();
    Fixtures.write(
        dir.resolve("src"),
        Map.of(
            "box/BoxTest.java",
            """
            package box;
            import static org.junit.jupiter.api.Assertions.*;
            import java.nio.file.*;
            import java.util.List;
            import org.junit.jupiter.api.Test;
            class BoxTest {
              static final String PROJECT = "%s";
              static final String OTHER = "%s";
              static final String OUTSIDE = "%s";
              static final String JAR = "%s";
              static final String CLASSES = "%s";

              static int run(String... cmd) throws Exception {
                return new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
              }

              static void cannotWrite(String file) {
                assertThrows(Exception.class, () -> Files.writeString(Path.of(file), "x"), file);
              }

              @Test void runsWithoutPrivilege() throws Exception {
                List<String> status = Files.readAllLines(Path.of("/proc/self/status"));
                assertTrue(status.contains("CapEff:\\t0000000000000000"), status.toString());
                assertTrue(status.contains("CapBnd:\\t0000000000000000"), status.toString());
                assertTrue(status.contains("NoNewPrivs:\\t1"), status.toString());
                assertTrue(status.stream().anyMatch(l -> l.matches("Uid:\\\\s+65534\\\\s.*")));
              }

              @Test void cannotMountOrRemount() throws Exception {
                Path jarDir = Path.of(JAR).getParent();
                assertNotEquals(0, run("mount", "-t", "tmpfs", "none", "."));
                assertNotEquals(0, run("mount", "-o", "remount,rw", "/"));
                assertNotEquals(0, run("mount", "-o", "remount,rw,bind", jarDir.toString()));
                assertNotEquals(0, run("unshare", "-r", "true"));
                cannotWrite(jarDir.resolve("planted.txt").toString());
              }

              @Test void writesOnlyItsWorkFolder() throws Exception {
                Files.writeString(Path.of("mine.txt"), "ok");
                Files.writeString(Path.of("/tmp/private.txt"), "ok");
                // Under /tmp this lands in the sandbox's private /tmp, elsewhere it fails:
                // either way the host never sees it (checked outside).
                try {
                  Files.writeString(Path.of(OUTSIDE), "x");
                } catch (Exception e) {
                  // fine
                }
                cannotWrite(CLASSES + "/planted.txt");
                cannotWrite("/planted.txt");
                cannotWrite("/usr/planted.txt");
                cannotWrite("/etc/passwd");
                cannotWrite("/dev/planted.txt");
              }

              @Test void seesNoProjectNoOtherSubmissionNoHome() throws Exception {
                assertFalse(Files.exists(Path.of(PROJECT, "pom.xml")));
                assertFalse(Files.exists(Path.of(PROJECT, "labs")));
                assertFalse(Files.exists(Path.of(OTHER)));
                assertFalse(Files.exists(Path.of("/etc/shadow")));
                // Of the Maven repository, only the exact jars on the class path.
                try (var siblings = Files.list(Path.of(JAR).getParent())) {
                  assertEquals(List.of(Path.of(JAR)), siblings.toList());
                }
              }
            }
            """
                .formatted(project, otherSubmission, outside, junitJar, dir.resolve("classes"))));
    classes = Fixtures.compile(dir.resolve("src"), dir.resolve("classes"));
  }

  @Test
  void theChildHasNoPrivilegeAndSeesOnlyWhatItsRunNeeds() {
    List<String> ids =
        List.of(
            "runsWithoutPrivilege",
            "cannotMountOrRemount",
            "writesOnlyItsWorkFolder",
            "seesNoProjectNoOtherSubmissionNoHome");
    Path work = dir.resolve("submissions/mine/run");
    Map<TestId, MethodResult> r =
        TestExecutor.run(
                Fixtures.spec(classes, work, SandboxLimits.GRADING, 60),
                ids.stream().map(m -> TestId.parse("box.BoxTest#" + m)).toList(),
                (id, inv) -> {})
            .results();
    for (String id : ids) {
      MethodResult m = r.get(new TestId("box.BoxTest", id));
      assertTrue(m.passed(), id + ": " + m.failureMessage());
    }
    assertTrue(Files.exists(work.resolve("mine.txt")));
    assertFalse(Files.exists(outside));
    assertFalse(Files.exists(Path.of("/tmp/private.txt")));
    assertFalse(Files.exists(Path.of("/planted.txt")));
    assertFalse(Files.exists(classes.resolve("planted.txt")));
    assertEquals(List.of(otherSubmission.resolve("Secret.java")), list(otherSubmission));
  }

  private static List<Path> list(Path d) {
    try (var s = Files.list(d)) {
      return s.toList();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
