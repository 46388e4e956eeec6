package io.pdslab.harness.perf;

import java.nio.file.Path;

/**
 * How long the calling thread has waited for a CPU while runnable: the second field of Linux's
 * {@code /proc/thread-self/schedstat}. A measured round whose workers waited for a core was shared
 * with someone else's work, and what it measured is partly that work; a worker parked on a lock is
 * not runnable and does not count, so a design that makes threads wait for each other still shows.
 */
final class RunQueueWait {
  private static final Path SCHEDSTAT = Path.of("/proc/thread-self/schedstat");
  private static final boolean AVAILABLE = read() >= 0;

  private RunQueueWait() {}

  /** Whether this JVM can read its threads' run-queue wait (Linux with schedstats). */
  static boolean available() {
    return AVAILABLE;
  }

  /** The calling thread's total run-queue wait in nanoseconds, or -1 where unknown. */
  static long nanos() {
    return AVAILABLE ? read() : -1;
  }

  private static long read() {
    return Schedstat.runQueueWaitNanos(SCHEDSTAT);
  }
}
