package io.pdslab.grader.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pdslab.grader.Fixtures;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
    Map<String, MethodResult> r =
        TestExecutor.run(
                Fixtures.spec(diskClasses, dir.resolve("w-disk"), eightMb, 10),
                ids,
                (id, inv) -> {})
            .results();
    MethodResult writer = r.get(ids.get(0));
    assertFalse(writer.passed());
    assertTrue(writer.failureMessage().contains("more than 8 MB to disk"), writer.failureMessage());
    assertTrue(r.get(ids.get(1)).passed(), r.get(ids.get(1)).failureMessage());
    assertTrue(r.get(ids.get(2)).passed(), r.get(ids.get(2)).failureMessage());
  }

  @Test
  void discoversTestMethods() {
    List<String> found =
        TestExecutor.discover(
            Fixtures.spec(classes, dir.resolve("w0"), SandboxLimits.NONE, 10),
            List.of("class demo.DemoTest"));
    assertEquals(7, found.size(), found.toString());
    assertTrue(found.contains("demo.DemoTest#seeded"));
  }

  @Test
  void parentDecidesOutcomesAndSurvivesHostileTests() {
    List<String> ids =
        List.of("passes", "fails", "seeded", "exits", "loops", "forges", "zzLast", "absent");
    TestExecutor.Outcome out =
        TestExecutor.run(
            Fixtures.spec(classes, dir.resolve("w1"), SandboxLimits.NONE, 3),
            ids.stream().map(m -> "demo.DemoTest#" + m).toList(),
            (id, inv) -> {});
    Map<String, MethodResult> r = out.results();
    assertTrue(r.get("demo.DemoTest#passes").passed());
    assertFalse(r.get("demo.DemoTest#fails").passed());
    assertTrue(r.get("demo.DemoTest#fails").failureMessage().contains("one is not two"));
    MethodResult seeded = r.get("demo.DemoTest#seeded");
    assertFalse(seeded.passed());
    assertEquals(3, seeded.invocations().size());
    assertEquals(
        2L, seeded.invocations().stream().filter(i -> !i.passed()).findFirst().get().seed());
    assertFalse(r.get("demo.DemoTest#exits").passed());
    assertTrue(r.get("demo.DemoTest#exits").failureMessage().contains("exited"));
    assertFalse(r.get("demo.DemoTest#loops").passed());
    assertTrue(r.get("demo.DemoTest#loops").failureMessage().contains("timed out"));
    assertFalse(r.get("demo.DemoTest#forges").passed());
    assertTrue(
        r.get("demo.DemoTest#zzLast").passed(), r.get("demo.DemoTest#zzLast").failureMessage());
    assertFalse(r.get("demo.DemoTest#absent").passed());
    assertTrue(out.output().contains("fake: all tests passed"));
  }
}
