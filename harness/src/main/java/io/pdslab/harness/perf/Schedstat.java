package io.pdslab.harness.perf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Linux's per-thread scheduler statistics ({@code /proc/.../schedstat}: time on a CPU, time waiting
 * for one while runnable, time slices), read by the perf rounds here and by the grader's watchdog.
 */
public final class Schedstat {

  private Schedstat() {}

  /**
   * The run-queue wait, in nanoseconds, in the schedstat file {@code file} (its second field), or
   * -1 where it cannot be read: not Linux, no schedstats, {@code /proc} not mounted in a sandbox,
   * or the thread has ended.
   */
  public static long runQueueWaitNanos(Path file) {
    try {
      String[] fields = Files.readString(file).trim().split("\\s+");
      return fields.length >= 2 ? Long.parseLong(fields[1]) : -1;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }
}
