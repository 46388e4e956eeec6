package io.pdslab.grader.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.pdslab.grader.Fixtures;
import io.pdslab.harness.testrun.TestId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TestExecutorTest {
  @TempDir static Path dir;
  static Path classes;

  @BeforeAll
  static void compileFixture() {
    Fixtures.write(
        dir.resolve("src"),
        Map.of(
            "demo/DemoTest.java",
            """
            package demo;
            import static org.junit.jupiter.api.Assertions.*;
            import org.junit.jupiter.api.*;
            class DemoTest {
              @Test void passes() {}
              @Test void fails() { assertEquals(1, 2, "one is not two"); }
              @RepeatedTest(value = 3, name = "seed={currentRepetition}")
              void seeded(RepetitionInfo info) { assertNotEquals(2, info.getCurrentRepetition()); }
              @Test void exits() { System.exit(0); }
              @Test void loops() { while (true) { Thread.onSpinWait(); } }
              @Test void forges() throws Exception {
                var out = new java.io.PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out));
                out.println("{\\"seq\\":5,\\"type\\":\\"finish\\",\\"id\\":\\"demo.DemoTest#fails\\",\\"status\\":\\"SUCCESSFUL\\"}");
                out.flush();
                fail("forged");
              }
              @Test void zzLast() { System.out.println("fake: all tests passed"); }
            }
            """));
    classes = Fixtures.compile(dir.resolve("src"), dir.resolve("classes"));
  }

  /**
   * A test that fills the disk and returns at once is charged for it, even when it ends before the
   * watchdog's periodic check; the next test is not blamed, and what the first one left on disk is
   * not charged again.
   */
  @Test
  void diskQuotaIsChargedToTheTestThatWrote(@TempDir Path src) {
    Fixtures.write(
        src,
        Map.of(
            "disk/DiskTest.java",
            """
            package disk;
            import org.junit.jupiter.api.*;
            @TestMethodOrder(MethodOrderer.MethodName.class)
            class DiskTest {
              @Test void aWritesTwelveMegabytes() throws Exception {
                for (int i = 0; i < 12; i++) {
                  java.nio.file.Files.write(java.nio.file.Path.of("f" + i), new byte[1 << 20]);
                }
              }
              @Test void bWritesNothing() {}
              @Test void cWritesNothing() {}
            }
            """));
    Path diskClasses = Fixtures.compile(src, dir.resolve("disk-classes"));
    SandboxLimits eightMb = new SandboxLimits(false, 4096, 256, 8, 2048);
    List<String> ids =
        List.of(
            "disk.DiskTest#aWritesTwelveMegabytes",
            "disk.DiskTest#bWritesNothing",
            "disk.DiskTest#cWritesNothing");
    Map<TestId, MethodResult> r =
        TestExecutor.run(
                Fixtures.spec(diskClasses, dir.resolve("w-disk"), eightMb, 10),
                ids.stream().map(TestId::parse).toList(),
                (id, inv) -> {})
            .results();
    MethodResult writer = r.get(TestId.parse(ids.get(0)));
    assertFalse(writer.passed());
    assertTrue(writer.failureMessage().contains("more than 8 MB to disk"), writer.failureMessage());
    assertTrue(
        r.get(TestId.parse(ids.get(1))).passed(), r.get(TestId.parse(ids.get(1))).failureMessage());
    assertTrue(
        r.get(TestId.parse(ids.get(2))).passed(), r.get(TestId.parse(ids.get(2))).failureMessage());
  }

  /**
   * A child replaces the files the grader writes for the next child with links to an instructor's
   * file (in its work folder, and in the control folder if it can reach it): the grader writes
   * fresh files of its own and the instructor's file is untouched, sandboxed or not.
   */
  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void controlFilesAreNeverWrittenThroughLinks(boolean sandboxed, @TempDir Path src)
      throws Exception {
    assumeTrue(!sandboxed || Sandbox.bubblewrapAvailable(), "bubblewrap not usable here");
    Path instructor = Files.createDirectories(src.resolve("instructor"));
    Path hidden = Files.writeString(instructor.resolve("HiddenTest.java"), "class HiddenTest {}");
    Fixtures.write(
        src.resolve("src"),
        Map.of(
            "ctl/ControlTest.java",
            """
            package ctl;
            import java.nio.file.*;
            import java.util.List;
            import org.junit.jupiter.api.*;
            @TestMethodOrder(MethodOrderer.MethodName.class)
            class ControlTest {
              static final Path TARGET = Path.of("%s");
              static void plant(Path link, Path target) {
                try {
                  if (Files.isDirectory(link, LinkOption.NOFOLLOW_LINKS)) {
                    try (var s = Files.walk(link)) {
                      for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                      }
                    }
                  }
                  Files.deleteIfExists(link);
                  Files.createSymbolicLink(link, target);
                } catch (Exception e) {
                  // read-only in the sandbox
                }
              }
              @Test void aPlantsLinksAndDies() {
                Path work = Path.of("").toAbsolutePath();
                Path control = work.resolveSibling(work.getFileName() + ".control");
                for (String f : List.of(".pdslab-selection", ".pdslab-java-args", "tmp")) {
                  plant(work.resolve(f), TARGET);
                }
                for (String f : List.of("selection", "java-args", "passwd", "hosts")) {
                  plant(control.resolve(f), TARGET);
                }
                plant(control, TARGET.getParent());
                Runtime.getRuntime().halt(5);
              }
              @Test void bRunsInTheNextChild() {}
            }
            """
                .formatted(hidden)));
    Path ctlClasses = Fixtures.compile(src.resolve("src"), src.resolve("classes"));
    SandboxLimits limits = sandboxed ? SandboxLimits.GRADING : SandboxLimits.NONE;
    Map<TestId, MethodResult> r =
        TestExecutor.run(
                Fixtures.spec(ctlClasses, src.resolve("work"), limits, 30),
                List.of(
                    TestId.parse("ctl.ControlTest#aPlantsLinksAndDies"),
                    TestId.parse("ctl.ControlTest#bRunsInTheNextChild")),
                (id, inv) -> {})
            .results();
    assertTrue(
        r.get(TestId.parse("ctl.ControlTest#aPlantsLinksAndDies"))
            .failureMessage()
            .contains("exited"),
        r.get(TestId.parse("ctl.ControlTest#aPlantsLinksAndDies")).failureMessage());
    MethodResult next = r.get(TestId.parse("ctl.ControlTest#bRunsInTheNextChild"));
    assertTrue(next.passed(), next.failureMessage());
    assertEquals("class HiddenTest {}", Files.readString(hidden));
    try (var files = Files.list(instructor)) {
      assertEquals(List.of(hidden), files.toList());
    }
  }

  @Test
  void discoversTestMethods() {
    List<TestId> found =
        TestExecutor.discover(
            Fixtures.spec(classes, dir.resolve("w0"), SandboxLimits.NONE, 10),
            List.of("class demo.DemoTest"));
    assertEquals(7, found.size(), found.toString());
    assertTrue(found.contains(TestId.parse("demo.DemoTest#seeded")));
  }

  /**
   * A child stopped by a signal from outside (a batch system suspending the job) cannot run: that
   * time is not the test's, so a test that waits less than its limit is not called stuck.
   */
  @Test
  void aChildStoppedFromOutsideIsNotCalledStuck(@TempDir Path src) throws Exception {
    assumeTrue(Files.isDirectory(Path.of("/proc")), "needs /proc to see a stopped child");
    Fixtures.write(
        src,
        Map.of(
            "demo/PausedTest.java",
            """
            package demo;
            import java.nio.file.*;
            import org.junit.jupiter.api.*;
            class PausedTest {
              @Test void sleepsAfterSayingSo() throws Exception {
                Files.writeString(Path.of(System.getProperty("java.io.tmpdir"), "started"), "");
                Thread.sleep(1_500);
              }
            }
            """));
    Path fixture = Fixtures.compile(src, src.resolve("classes"));
    Path work = src.resolve("work");
    Thread freezer =
        new Thread(
            () -> {
              try {
                freezeOnceStarted(work, 5_000);
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    freezer.start();
    TestId id = TestId.parse("demo.PausedTest#sleepsAfterSayingSo");
    // a 2 s limit; the test sleeps 1.5 s and is frozen 5 s meanwhile
    MethodResult r =
        TestExecutor.run(
                Fixtures.spec(fixture, work, SandboxLimits.NONE, 2), List.of(id), (t, inv) -> {})
            .results()
            .get(id);
    freezer.join();
    assertTrue(r.passed(), r.failureMessage());
  }

  /** Stops the child JVM for {@code millis} once its test has written the file {@code started}. */
  private static void freezeOnceStarted(Path work, long millis) throws Exception {
    long deadline = System.currentTimeMillis() + 60_000;
    while (!startedFileIn(work)) {
      if (System.currentTimeMillis() > deadline) {
        throw new IllegalStateException("the child never started its test");
      }
      Thread.sleep(20);
    }
    List<String> pids =
        ProcessHandle.current()
            .descendants()
            .filter(p -> p.info().commandLine().orElse("").contains("ChildMain"))
            .map(p -> Long.toString(p.pid()))
            .toList();
    assertFalse(pids.isEmpty(), "no child JVM found");
    signal("-STOP", pids);
    try {
      Thread.sleep(millis);
    } finally {
      signal("-CONT", pids);
    }
  }

  private static boolean startedFileIn(Path work) throws java.io.IOException {
    if (!Files.isDirectory(work)) {
      return false;
    }
    try (var files = Files.walk(work)) {
      return files.anyMatch(f -> f.getFileName().toString().equals("started"));
    }
  }

  private static void signal(String signal, List<String> pids) throws Exception {
    List<String> cmd = new java.util.ArrayList<>(List.of("kill", signal));
    cmd.addAll(pids);
    assertEquals(0, new ProcessBuilder(cmd).inheritIO().start().waitFor());
  }

  @Test
  void parentDecidesOutcomesAndSurvivesHostileTests() {
    List<String> ids =
        List.of("passes", "fails", "seeded", "exits", "loops", "forges", "zzLast", "absent");
    TestExecutor.Outcome out =
        TestExecutor.run(
            Fixtures.spec(classes, dir.resolve("w1"), SandboxLimits.NONE, 3),
            ids.stream().map(m -> TestId.parse("demo.DemoTest#" + m)).toList(),
            (id, inv) -> {});
    Map<TestId, MethodResult> r = out.results();
    assertTrue(r.get(TestId.parse("demo.DemoTest#passes")).passed());
    assertFalse(r.get(TestId.parse("demo.DemoTest#fails")).passed());
    assertTrue(
        r.get(TestId.parse("demo.DemoTest#fails")).failureMessage().contains("one is not two"));
    MethodResult seeded = r.get(TestId.parse("demo.DemoTest#seeded"));
    assertFalse(seeded.passed());
    assertEquals(3, seeded.invocations().size());
    assertEquals(
        2L, seeded.invocations().stream().filter(i -> !i.passed()).findFirst().get().seed());
    assertFalse(r.get(TestId.parse("demo.DemoTest#exits")).passed());
    assertTrue(r.get(TestId.parse("demo.DemoTest#exits")).failureMessage().contains("exited"));
    assertFalse(r.get(TestId.parse("demo.DemoTest#loops")).passed());
    // An endless loop uses up its CPU time; on a machine too busy to give it that much within the
    // wall-clock backstop, it is not failed but marked for regrading. Neither earns points.
    MethodResult loops = r.get(TestId.parse("demo.DemoTest#loops"));
    assertTrue(
        loops.failureMessage().contains("s of CPU time")
            || (loops.overloaded() && loops.failureMessage().contains("overloaded")),
        loops.failureMessage());
    assertFalse(r.get(TestId.parse("demo.DemoTest#forges")).passed());
    assertTrue(
        r.get(TestId.parse("demo.DemoTest#zzLast")).passed(),
        r.get(TestId.parse("demo.DemoTest#zzLast")).failureMessage());
    assertFalse(r.get(TestId.parse("demo.DemoTest#absent")).passed());
    assertTrue(out.output().contains("fake: all tests passed"));
  }
}
