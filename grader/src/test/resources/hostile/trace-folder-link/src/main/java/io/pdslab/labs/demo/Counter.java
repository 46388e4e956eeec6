package io.pdslab.labs.demo;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Correct except reset(), which is hostile: makes its trace folder a link to another submission's
 * trace folder (graded earlier in the batch), hoping the grader copies that student's traces.
 */
public class Counter {
  private int value;

  public void increment() {
    value++;
  }

  public int get() {
    return value;
  }

  public static long stepsFor(int n) {
    return n;
  }

  public void reset() throws Exception {
    Path submissions = Path.of("").toAbsolutePath().getParent().getParent();
    Files.createDirectories(Path.of("target"));
    Files.createSymbolicLink(
        Path.of("target/pdslab-traces"),
        submissions.resolve("trace-links/run/target/pdslab-traces"));
    // value is not reset: the hidden test fails
  }
}
