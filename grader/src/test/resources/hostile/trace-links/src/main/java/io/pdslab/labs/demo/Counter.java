package io.pdslab.labs.demo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Correct except reset(), which is hostile: plants links where the grader collects traces, named
 * like a public test's traces, to files the report folder must never receive.
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
    Path traces = Files.createDirectories(Path.of("target/pdslab-traces"));
    Path submissions = Path.of("").toAbsolutePath().getParent().getParent();
    List<String> targets =
        List.of(
            "/etc/shadow",
            "/proc/self/environ",
            "/proc/self/cmdline",
            System.getProperty("pdslab.referenceClasses", "/nonexistent")
                + "/io/pdslab/labs/demo/Counter.class",
            submissions.getParent().resolve("reference").toString(),
            submissions.resolve("demo/lab/src/main/java/io/pdslab/labs/demo/Counter.java").toString());
    int seed = 1;
    for (String t : targets) {
      Files.createSymbolicLink(
          traces.resolve("CounterTest#incrementsOnce-seed" + seed++ + ".jsonl"), Path.of(t));
    }
    Files.createSymbolicLink(
        traces.resolve("CounterTest#incrementsMany-seed2.html"), Path.of("/etc/passwd"));
    // A hidden test's trace would reveal it: never shown.
    Files.writeString(traces.resolve("CounterHiddenTest#resets-seed1.jsonl"), "hidden scenario");
    // A public test's real trace: the only file that reaches the report.
    Files.writeString(traces.resolve("CounterTest#incrementsMany-seed1.jsonl"), "{\"ok\":true}");
    // value is not reset: the hidden test fails
  }
}
