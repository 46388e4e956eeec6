package io.pdslab.grader.run;

import io.pdslab.harness.perf.Schedstat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * How long a child's threads have waited for a CPU (runnable, not running), summed over its whole
 * process tree, from the second field of each thread's {@code /proc/PID/task/TID/schedstat}. A
 * thread that ends keeps the wait it had at its last reading, so the sum never goes back.
 */
final class RunQueueWait {
  private static final Path PROC = Path.of("/proc");
  private final Map<Long, Long> lastNanosByThread = new HashMap<>();
  private boolean unavailable;

  /**
   * Reads the threads of the child's process tree again; the total wait in ms, or -1 where
   * schedstat is missing.
   */
  long update(List<ProcessHandle> tree) {
    if (unavailable) {
      return -1;
    }
    for (ProcessHandle p : tree) {
      try (Stream<Path> tasks = Files.list(PROC.resolve(Long.toString(p.pid())).resolve("task"))) {
        for (Path task : tasks.toList()) {
          readThread(task);
        }
      } catch (IOException | RuntimeException e) {
        if (!Files.isRegularFile(PROC.resolve("self/schedstat"))) {
          unavailable = true; // not Linux, or a kernel without schedstats
          return -1;
        }
        // otherwise the process just ended: its threads keep their last readings
      }
    }
    long nanos = 0;
    for (long n : lastNanosByThread.values()) {
      nanos += n;
    }
    return nanos / 1_000_000;
  }

  private void readThread(Path task) {
    long nanos = Schedstat.runQueueWaitNanos(task.resolve("schedstat"));
    if (nanos >= 0) { // else the thread just ended: it keeps its last reading
      lastNanosByThread.merge(Long.parseLong(task.getFileName().toString()), nanos, Math::max);
    }
  }
}
