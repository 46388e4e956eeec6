package io.pdslab.grader.grade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pdslab.grader.Fixtures;
import io.pdslab.grader.manifest.LabManifest;
import io.pdslab.grader.manifest.ManifestLoader;
import io.pdslab.grader.run.MethodResult;
import io.pdslab.grader.run.SandboxLimits;
import io.pdslab.grader.run.TestExecutor;
import io.pdslab.harness.testrun.TestId;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Submissions that try to earn points without the work: forge the result channel (an agent attached
 * to the child, a heap dump to find the key, raw writes to the runner's stdout, reflection into the
 * runner) or run the reference instead of their own code (by the property the grader used to pass,
 * by the project's compiled classes, by compiling its sources). Graded against the fixture lab with
 * the base allowlist only, as a real lab's student code is. Each scores 0 and its report says which
 * class, method and API the bytecode check refused.
 */
class ForgeryTest {
  @TempDir static Path tmp;
  static Grader grader;

  @BeforeAll
  static void prepare() throws IOException {
    Path labDir = tmp.resolve("project/labs/demo");
    Fixtures.copyResource("fixture-lab/demo", labDir);
    // The fixture lab widens its allowlist so that its sandbox fixtures reach the sandbox; a
    // real lab does not.
    Path manifest = labDir.resolve("lab.json");
    ObjectMapper json = new ObjectMapper();
    ObjectNode m = (ObjectNode) json.readTree(manifest.toFile());
    m.remove("allowedApis");
    json.writeValue(manifest.toFile(), m);
    LabManifest lab = ManifestLoader.load(tmp.resolve("project"), "demo");
    Path work = tmp.resolve("work");
    Reference ref =
        Reference.prepare(lab, labDir, Fixtures.junitClasspath(), work.resolve("reference"));
    grader =
        new Grader(ref, new Grader.Options(1, work, new SandboxLimits(true, 400, 16, 32, 768)));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "self-attach, com.sun.tools.attach.VirtualMachine#attach",
    "heap-dump, java.lang.management.ManagementFactory#getPlatformMXBean",
    "proc-fd, java.nio.file.Files#writeString",
    "fake-results, java.io.FileDescriptor#out",
    "reflection, java.lang.Class#forName",
    "reference-property, java.lang.System#getProperty",
    "reference-target-classes, java.net.URLClassLoader",
    "compile-reference, javax.tools.ToolProvider#getSystemJavaCompiler",
    "shadow-junit, package org.junit.jupiter.api",
  })
  void isRejectedBeforeRunningAndScoresNothing(String name, String api) {
    Path dir = tmp.resolve("forgery").resolve(name);
    Fixtures.copyResource("forgery/" + name, dir);
    SubmissionGrade g = grader.grade(dir, name, (id, inv) -> {});
    assertEquals(SubmissionStatus.REJECTED, g.status(), () -> name + ": " + g.error());
    assertEquals(0.0, g.score());
    assertTrue(g.error().contains("uses " + api + ": "), g.error());
    assertTrue(
        g.error().contains("io.pdslab.labs.demo.Counter.reset (Counter.java:")
            || name.equals("shadow-junit"),
        g.error());
    assertTrue(
        g.tests().stream()
            .allMatch(
                t -> t.score() == 0 && SubmissionStatus.REJECTED.wireName().equals(t.note())));
  }

  /**
   * What a hidden test showed the submission's code cannot reach a public test's failure message,
   * which the report shows, through a static field: hidden tests run after the public ones, in a
   * JVM of their own, even when the manifest lists them first.
   */
  @Test
  void aHiddenTestCannotLeakIntoAPublicFailureMessage(@TempDir Path dir) throws IOException {
    Path labDir = dir.resolve("project/labs/demo");
    Fixtures.copyResource("fixture-lab/demo", labDir);
    Path manifest = labDir.resolve("lab.json");
    ObjectMapper json = new ObjectMapper();
    ObjectNode m = (ObjectNode) json.readTree(manifest.toFile());
    ArrayNode parts = (ArrayNode) m.get("parts");
    parts.insert(0, parts.remove(1)); // the hidden part first
    m.putArray("performance");
    json.writeValue(manifest.toFile(), m);
    LabManifest lab = ManifestLoader.load(dir.resolve("project"), "demo");
    Reference ref =
        Reference.prepare(lab, labDir, Fixtures.junitClasspath(), dir.resolve("work/reference"));
    Grader hiddenFirst =
        new Grader(
            ref,
            new Grader.Options(1, dir.resolve("work"), new SandboxLimits(true, 400, 16, 32, 768)));
    Path sub = dir.resolve("hidden-leak");
    Fixtures.copyResource("forgery-run/hidden-leak", sub);
    SubmissionGrade g = hiddenFirst.grade(sub, "hidden-leak", (id, inv) -> {});
    assertEquals(SubmissionStatus.GRADED, g.status(), g::error);
    for (TestGrade t : g.tests()) {
      if (!t.test().hidden()) {
        assertTrue(t.passed(), t.test().id() + ": " + ReportText.visibleTestOutput(t));
        assertFalse(ReportText.visibleTestOutput(t).contains("LEAKED"));
      }
    }
  }

  /**
   * Behind the check, the child JVM itself holds no way to the reference and refuses attach: code
   * that got past the check (here, test code, which is not checked) would find neither.
   */
  @Test
  void theChildJvmRefusesAttachAndKnowsNoReference(@TempDir Path dir) {
    Fixtures.write(
        dir.resolve("src"),
        Map.of(
            "probe/ProbeTest.java",
            """
            package probe;
            import static org.junit.jupiter.api.Assertions.*;
            import com.sun.management.HotSpotDiagnosticMXBean;
            import java.lang.management.ManagementFactory;
            import org.junit.jupiter.api.Test;
            class ProbeTest {
              @Test void noAttach() {
                HotSpotDiagnosticMXBean vm =
                    ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
                assertEquals("true", vm.getVMOption("DisableAttachMechanism").getValue());
                assertNotEquals("true", System.getProperty("jdk.attach.allowAttachSelf"));
              }
              @Test void noReference() {
                assertNull(System.getProperty("pdslab.referenceClasses"));
              }
            }
            """));
    Path classes = Fixtures.compile(dir.resolve("src"), dir.resolve("classes"));
    List<TestId> ids =
        List.of(
            TestId.parse("probe.ProbeTest#noAttach"), TestId.parse("probe.ProbeTest#noReference"));
    Map<TestId, MethodResult> r =
        TestExecutor.run(
                Fixtures.spec(classes, dir.resolve("work"), SandboxLimits.NONE, 60),
                ids,
                (id, inv) -> {})
            .results();
    for (TestId id : ids) {
      assertTrue(r.get(id).passed(), id + ": " + r.get(id).failureMessage());
    }
  }
}
