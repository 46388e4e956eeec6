package io.pdslab.grader.grade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pdslab.grader.Fixtures;
import io.pdslab.grader.manifest.LabManifest;
import io.pdslab.grader.manifest.ManifestLoader;
import io.pdslab.grader.run.Sandbox;
import io.pdslab.grader.run.SandboxLimits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Grades the fixture lab's reference, examples, malformed and hostile submissions. */
class GraderTest {
  static final String COUNTER = "src/main/java/io/pdslab/labs/demo/Counter.java";
  @TempDir static Path tmp;
  static Path labDir;
  static Grader grader;

  @BeforeAll
  static void prepare() {
    labDir = tmp.resolve("project/labs/demo");
    Fixtures.copyResource("fixture-lab/demo", labDir);
    LabManifest m = ManifestLoader.load(tmp.resolve("project"), "demo");
    Path work = tmp.resolve("work");
    Reference ref =
        Reference.prepare(m, labDir, Fixtures.junitClasspath(), work.resolve("reference"));
    // A small disk quota keeps the disk-bomb test cheap.
    SandboxLimits limits = new SandboxLimits(true, 400, 16, 32, 768);
    grader = new Grader(ref, new Grader.Options(3, work, limits));
  }

  static SubmissionGrade grade(Path input) {
    return grader.grade(input, input.getFileName().toString().replace(".zip", ""), (id, i) -> {});
  }

  static Map<String, Double> scores(SubmissionGrade g) {
    return g.tests().stream()
        .collect(Collectors.toMap(t -> t.test().id().shortForm(), TestGrade::score, (a, b) -> a));
  }

  @Test
  void expandsTheManifestFromTheReference() {
    assertEquals(
        List.of(
            "A CounterTest#incrementsMany 1.0",
            "A CounterTest#incrementsOnce 1.0",
            "B CounterHiddenTest#resets 3.0",
            "perf CounterPerfTest#steps 1.0"),
        grader.reference().tests().stream()
            .map(t -> t.part() + " " + t.id().shortForm() + " " + t.points())
            .sorted()
            .toList());
  }

  @Test
  void referenceGetsFullMarksAndReportsAreWritten() throws IOException {
    SubmissionGrade g = grade(labDir);
    assertEquals(SubmissionStatus.GRADED, g.status());
    assertEquals(6.0, g.maxScore());
    assertEquals(6.0, g.score(), () -> g.tests().toString());
    Path out = tmp.resolve("out");
    ReportWriter.write(g, out.resolve(g.name()));
    ReportWriter.writeCsv(List.of(g), out.resolve("grades.csv"));
    JsonNode results = new ObjectMapper().readTree(out.resolve("demo/results.json").toFile());
    assertEquals(6.0, results.get("score").asDouble());
    assertEquals(4, results.get("tests").size());
    JsonNode hidden = results.get("tests").get(2);
    assertEquals("after_published", hidden.get("visibility").asText());
    assertEquals(3, hidden.get("max_score").asInt());
    assertEquals("visible", results.get("tests").get(0).get("visibility").asText());
    assertTrue(results.get("output").asText().contains("./pdslab grade --lab demo"));
    assertTrue(Files.readString(out.resolve("demo/junit.xml")).contains("failures=\"0\""));
    assertTrue(Files.readString(out.resolve("demo/report.html")).contains("6 / 6 points"));
    assertTrue(Files.readString(out.resolve("grades.csv")).contains("demo,demo,graded,6,6"));
  }

  @Test
  void examplesScoreAsExpected() {
    SubmissionGrade broken = grade(labDir.resolve("examples/broken"));
    assertEquals(SubmissionStatus.COMPILE_ERROR, broken.status());
    assertEquals(0.0, broken.score());
    assertTrue(broken.error().contains("Counter.java:4: error"), broken.error());
    SubmissionGrade noReset = grade(labDir.resolve("examples/no-reset"));
    assertEquals(3.0, noReset.score());
    assertEquals(0.0, scores(noReset).get("CounterHiddenTest#resets"));
  }

  @Test
  void handoutStubsEarnNothing() throws IOException {
    Path sub = tmp.resolve("stubs");
    Files.createDirectories(sub.resolve(COUNTER).getParent());
    Files.writeString(
        sub.resolve(COUNTER),
        io.pdslab.grader.handout.MarkerProcessor.process(
            "Counter.java", Files.readString(labDir.resolve(COUNTER))));
    SubmissionGrade g = grade(sub);
    assertEquals(SubmissionStatus.GRADED, g.status());
    assertEquals(0.0, g.score(), () -> g.tests().toString());
  }

  @Test
  void acceptsAZippedRepositoryWithAWrappingFolderAndReportsIgnoredFiles() throws IOException {
    Path zip = tmp.resolve("wrapped.zip");
    Zips.write(
        zip,
        Map.of(
            "my-handout/labs/demo/" + COUNTER,
            Files.readString(labDir.resolve("examples/no-reset/" + COUNTER)),
            "my-handout/labs/demo/src/test/java/io/pdslab/labs/demo/CounterTest.java",
            "class Cheat {}",
            "my-handout/pom.xml",
            "<project/>"));
    SubmissionGrade g = grade(zip);
    assertEquals(3.0, g.score(), () -> g.tests().toString());
    assertTrue(g.ignored().contains("src/test/java/io/pdslab/labs/demo/CounterTest.java"));
  }

  @Test
  void rejectsMalformedSubmissions() throws IOException {
    Path notZip = Files.writeString(tmp.resolve("garbage.zip"), "not a zip at all");
    assertInvalid(notZip, "not a valid zip");
    Path other = Files.writeString(tmp.resolve("notes.txt"), "hello");
    assertInvalid(other, "a folder or a .zip");
    Path escape = tmp.resolve("escape.zip");
    Zips.write(escape, Map.of("../../evil.txt", "x"));
    assertInvalid(escape, "'..'");
    assertFalse(Files.exists(tmp.resolve("work/evil.txt")));
    Path link = tmp.resolve("link.zip");
    Zips.writeWithSymlink(link, COUNTER, "/etc/passwd");
    assertInvalid(link, "symbolic link");
    Path huge = tmp.resolve("huge.zip");
    Zips.write(huge, Map.of(COUNTER, "x".repeat(3 * 1024 * 1024)));
    assertInvalid(huge, "larger than");
    Path wrongPackage = tmp.resolve("wrong-package");
    Fixtures.write(wrongPackage, Map.of(COUNTER, "package elsewhere;\npublic class Counter {}\n"));
    assertInvalid(wrongPackage, "wrong package");
    Path nothing = tmp.resolve("nothing");
    Fixtures.write(nothing, Map.of("README.md", "I forgot my code"));
    assertInvalid(nothing, "no editable file");
    assertInvalid(tmp.resolve("missing"), "no such folder");
  }

  private static void assertInvalid(Path input, String message) {
    SubmissionGrade g = grade(input);
    assertEquals(SubmissionStatus.INVALID, g.status(), () -> input + ": " + g.error());
    assertEquals(0.0, g.score());
    assertTrue(g.error().contains(message), g.error());
  }

  /**
   * Every hostile submission loses exactly the hidden test where it misbehaves (3 of 6). The
   * fixture lab's manifest allows the APIs these use, so that they get past the bytecode check and
   * test the sandbox and the watchdog; {@link ForgeryTest} grades under a real lab's allowlist.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {"exit", "infinite-loop", "thread-bomb", "fork-bomb", "memory-bomb", "disk-bomb"})
  void hostileSubmissionsEarnExactlyWhatTheirTestsEarn(String name) {
    SubmissionGrade g = grade(hostile(name));
    if (name.equals("infinite-loop") && g.overloaded()) {
      // Too busy a machine to spend the loop's CPU time within the wall-clock backstop: the test
      // is not graded (no points either), and the grade says to redo it.
      assertEquals(3.0, g.score(), () -> g.tests().toString());
      return;
    }
    assertEquals(SubmissionStatus.GRADED, g.status(), g.error());
    Map<String, Double> s = scores(g);
    assertEquals(0.0, s.get("CounterHiddenTest#resets"), name);
    String why =
        g.tests().stream()
            .filter(t -> t.test().id().shortForm().equals("CounterHiddenTest#resets"))
            .findFirst()
            .orElseThrow()
            .note();
    String expected =
        Map.of(
                "exit", "exited with code",
                "infinite-loop", "s of CPU time",
                "thread-bomb", "too many threads",
                "fork-bomb", "too many processes",
                "memory-bomb", "ran out of memory",
                "disk-bomb", "File too large|to disk")
            .get(name);
    // Either the kernel's file size limit or the watchdog's disk quota may stop a disk bomb.
    assertTrue(
        java.util.Arrays.stream(expected.split("\\|")).anyMatch(why::contains), name + ": " + why);
    assertEquals(3.0, g.score(), () -> name + ": " + g.tests());
    if (name.equals("fork-bomb")) {
      assertTrue(
          ProcessHandle.allProcesses()
              .noneMatch(p -> p.info().commandLine().orElse("").contains("31.4159")),
          "fork bomb processes survived");
    }
  }

  @Test
  void sandboxBlocksNetworkAndWritesOutsideScratch() throws IOException {
    assumeTrue(Sandbox.bubblewrapAvailable(), "bubblewrap not installed");
    Path outside = Path.of("/tmp/pdslab-escaped.txt");
    Files.deleteIfExists(outside);
    SubmissionGrade w = grade(hostile("write-outside"));
    assertEquals(3.0, w.score(), () -> w.tests().toString());
    assertFalse(Files.exists(outside));
    assertFalse(Files.exists(tmp.resolve("work/submissions/write-outside/classes/escaped.txt")));
    SubmissionGrade n = grade(hostile("socket"));
    assertEquals(3.0, n.score(), () -> n.tests().toString());
  }

  /**
   * Links planted where traces are collected (to {@code /etc/shadow}, {@code /proc/self/environ},
   * the reference, another submission; a linked trace folder) bring nothing into the report: only
   * the submission's own trace of a public test arrives.
   */
  @Test
  void plantedTraceLinksLeakNothingIntoTheReport() throws IOException {
    grade(labDir); // "demo": the submission the links point into
    SubmissionGrade links = grade(hostile("trace-links"));
    assertEquals(3.0, links.score(), () -> links.error() + "\n" + links.tests());
    assertEquals(
        List.of("CounterTest#incrementsMany-seed1.jsonl"),
        links.traces().stream().map(p -> p.getFileName().toString()).toList());
    Path report = tmp.resolve("reports/trace-links");
    ReportWriter.write(links, report);
    assertEquals(
        List.of(
            "junit.xml",
            "report.html",
            "results.json",
            "traces",
            "traces/CounterTest#incrementsMany-seed1.jsonl"),
        relativeTree(report));
    assertEquals(
        "{\"ok\":true}",
        Files.readString(report.resolve("traces/CounterTest#incrementsMany-seed1.jsonl")));
    SubmissionGrade folder = grade(hostile("trace-folder-link"));
    assertEquals(3.0, folder.score(), () -> folder.tests().toString());
    assertEquals(List.of(), folder.traces());
    Path folderReport = tmp.resolve("reports/trace-folder-link");
    ReportWriter.write(folder, folderReport);
    assertEquals(List.of("junit.xml", "report.html", "results.json"), relativeTree(folderReport));
  }

  /** A hidden test shows its name and that it failed; not its message, source or output. */
  @Test
  void hiddenTestsRevealNothing() throws IOException {
    SubmissionGrade noReset = grade(labDir.resolve("examples/no-reset"));
    assertTrue(
        noReset.tests().stream()
            .anyMatch(t -> t.note() != null && t.note().contains("expected: <0>")),
        "the fixture's hidden test must fail with an assertion message");
    Path report = tmp.resolve("reports/no-reset");
    ReportWriter.write(noReset, report);
    for (String f : List.of("results.json", "junit.xml", "report.html")) {
      String text = Files.readString(report.resolve(f));
      assertTrue(text.contains("CounterHiddenTest"), f);
      for (String secret : List.of("expected", "but was", "CounterHiddenTest.java", "at io.")) {
        assertFalse(text.contains(secret), f + " reveals '" + secret + "'");
      }
    }
    // The compiler's messages about hidden sources quote them: one generic line instead.
    Path noResetMethod = tmp.resolve("no-reset-method");
    Fixtures.write(
        noResetMethod,
        Map.of(
            COUNTER,
            Files.readString(labDir.resolve(COUNTER))
                .replace("public void reset()", "public void clear()")));
    SubmissionGrade renamed = grade(noResetMethod);
    assertEquals(SubmissionStatus.COMPILE_ERROR, renamed.status());
    assertTrue(renamed.error().contains("a hidden test does not compile"), renamed.error());
    assertFalse(renamed.error().contains("CounterHiddenTest"), renamed.error());
    assertFalse(renamed.error().contains("reset"), renamed.error());
    // What the tests printed ran beside hidden tests: not in the report.
    Path printing = tmp.resolve("printing");
    Fixtures.write(
        printing,
        Map.of(
            COUNTER,
            Files.readString(labDir.resolve(COUNTER))
                .replace(
                    "public int get() {",
                    "public int get() {\n    System.out.println(\"PRINTED-BY-SUBMISSION\");")));
    SubmissionGrade printed = grade(printing);
    assertTrue(printed.output().contains("PRINTED-BY-SUBMISSION"), printed.output());
    ReportWriter.write(printed, tmp.resolve("reports/printing"));
    assertFalse(
        Files.readString(tmp.resolve("reports/printing/report.html"))
            .contains("PRINTED-BY-SUBMISSION"));
  }

  /**
   * A batch where one submission attacks (daemons, a process burst, writes into shared and other
   * submissions' folders, descriptor exhaustion, an output flood) while another is graded beside
   * it: the other's grade and report are those it gets alone, the shared folders are unchanged, and
   * nothing of the attacker runs afterwards.
   */
  @Test
  void aBatchAttackerChangesNothingForTheOthers() throws Exception {
    assumeTrue(Sandbox.bubblewrapAvailable(), "bubblewrap not usable: the batch is not isolated");
    Path work = tmp.resolve("work");
    SubmissionGrade alone =
        grader.grade(labDir.resolve("examples/no-reset"), "alone", (a, b) -> {});
    Map<String, String> shared = snapshot(work.resolve("handout-src"), work.resolve("reference"));
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(2);
    java.util.concurrent.Future<SubmissionGrade> attack =
        pool.submit(() -> grade(hostile("batch-attacker")));
    Thread.sleep(2_000);
    java.util.concurrent.Future<SubmissionGrade> beside =
        pool.submit(
            () -> grader.grade(labDir.resolve("examples/no-reset"), "beside", (a, b) -> {}));
    SubmissionGrade attacker = attack.get();
    SubmissionGrade other = beside.get();
    pool.shutdown();
    // The attacker loses the hidden test (and may break its own JVM for the tests after it).
    assertEquals(0.0, scores(attacker).get("CounterHiddenTest#resets"));
    assertTrue(attacker.score() <= 3.0, () -> attacker.tests().toString());
    assertEquals(alone.status(), other.status());
    assertEquals(scores(alone), scores(other));
    assertEquals(testsOf(alone), testsOf(other));
    assertEquals(shared, snapshot(work.resolve("handout-src"), work.resolve("reference")));
    assertFalse(Files.exists(work.resolve("submissions/beside/run/planted.txt")));
    long deadline = System.currentTimeMillis() + 10_000;
    while (ProcessHandle.allProcesses()
        .anyMatch(p -> p.info().commandLine().orElse("").contains("27.1828"))) {
      assertTrue(System.currentTimeMillis() < deadline, "the attacker's processes survived");
      Thread.sleep(200);
    }
  }

  private static JsonNode testsOf(SubmissionGrade g) {
    return new ObjectMapper().valueToTree(ReportWriter.gradescope(g)).get("tests");
  }

  /** Every regular file under the folders, with its content's hash. */
  private static Map<String, String> snapshot(Path... dirs) throws IOException {
    Map<String, String> out = new java.util.TreeMap<>();
    for (Path d : dirs) {
      try (var files = Files.walk(d)) {
        for (Path f : files.filter(Files::isRegularFile).toList()) {
          out.put(
              f.toString(), Integer.toHexString(java.util.Arrays.hashCode(Files.readAllBytes(f))));
        }
      }
    }
    return out;
  }

  private static List<String> relativeTree(Path dir) throws IOException {
    try (var files = Files.walk(dir)) {
      List<Path> all = files.filter(p -> !p.equals(dir)).sorted().toList();
      for (Path p : all) {
        assertFalse(Files.isSymbolicLink(p), p + " is a link");
      }
      return all.stream().map(p -> dir.relativize(p).toString()).toList();
    }
  }

  static Path hostile(String name) {
    Path dir = tmp.resolve("hostile").resolve(name);
    if (!Files.exists(dir)) {
      Fixtures.copyResource("hostile/" + name, dir);
    }
    return dir;
  }
}
