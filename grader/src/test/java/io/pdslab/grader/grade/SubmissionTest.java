package io.pdslab.grader.grade;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pdslab.grader.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which submitted files are taken, which are ignored, and which ignored ones are reported. */
class SubmissionTest {
  private static final String PKG = "src/main/java/io/pdslab/labs/demo/";
  private static final List<String> EDITABLE = List.of(PKG + "*.java");

  @TempDir Path tmp;

  @Test
  void changedAndAddedGivenSourcesAreIgnoredAndReported() throws Exception {
    Path handout = tmp.resolve("handout-src");
    Fixtures.write(
        handout,
        Map.of(
            "io/pdslab/labs/demo/Counter.java", "stub",
            "io/pdslab/labs/demo/given/Step.java", "given\n",
            "io/pdslab/labs/demo/given/Unchanged.java", "same\n"));
    Path input = tmp.resolve("submission");
    Fixtures.write(
        input,
        Map.of(
            "labs/demo/" + PKG + "Counter.java",
            "package io.pdslab.labs.demo;\n",
            "labs/demo/" + PKG + "given/Step.java",
            "cheat\n",
            "labs/demo/" + PKG + "given/Unchanged.java",
            "same\r\n",
            "labs/demo/" + PKG + "given/Extra.java",
            "added\n",
            "labs/demo/src/test/java/io/pdslab/labs/demo/CounterTest.java",
            "edited test\n",
            "labs/demo/pom.xml",
            "<project/>\n"));
    Path work = Files.createDirectories(tmp.resolve("work"));

    Submission sub = Submission.open(input, "demo", EDITABLE, handout, work);

    assertEquals(List.of(PKG + "Counter.java"), List.copyOf(sub.accepted().keySet()));
    assertEquals(
        List.of(
            "pom.xml",
            PKG + "given/Extra.java",
            PKG + "given/Step.java",
            PKG + "given/Unchanged.java",
            "src/test/java/io/pdslab/labs/demo/CounterTest.java"),
        sub.ignored().stream().sorted().toList());
    assertEquals(
        List.of(PKG + "given/Extra.java", PKG + "given/Step.java"),
        sub.changedGiven().stream().sorted().toList(),
        "a changed line ending is not a change; tests and build files are not main sources");
    assertEquals(
        List.of(
            "changed outside your files, so ignored (the given code was used): "
                + PKG
                + "given/Extra.java",
            "changed outside your files, so ignored (the given code was used): "
                + PKG
                + "given/Step.java"),
        sub.notes().stream().sorted().toList());
  }
}
