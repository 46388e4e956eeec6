package io.pdslab.grader.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Polls a child's process tree and kills it when it breaks a limit: per-test and total time,
 * threads, processes, resident memory, bytes written to its work folder. The first reason wins.
 *
 * <p>The disk quota counts growth of the work folder since this child started, so that what an
 * earlier, killed child left behind is not charged again to the tests a fresh child re-runs.
 */
final class Watchdog implements AutoCloseable {
  private static final long PERIOD_MS = 100;
  private static final long IDLE_GRACE_MS = 60_000;
  private static final Path PROC = Path.of("/proc");

  /** What the watchdog reads from the run: the test in progress and the time of the last event. */
  interface Progress {
    /** Bytes in the work folder when the child started. */
    long diskBaseBytes();

    /** Start time (ms) of the test execution in progress, or -1 if none. */
    long currentStartMillis();

    /** Time (ms) of the last event from the child. */
    long lastEventMillis();
  }

  private final ScheduledExecutorService timer;
  private long ticks;

  Watchdog(
      ChildJvm jvm,
      RunSpec spec,
      long deadlineMillis,
      Progress progress,
      Consumer<String> killWithReason) {
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "pdslab-watchdog");
              t.setDaemon(true);
              return t;
            });
    long testMs = spec.testTimeout().toMillis();
    SandboxLimits limits = spec.limits();
    timer.scheduleAtFixedRate(
        () -> {
          String reason = check(jvm, spec, deadlineMillis, testMs, progress);
          if (reason != null) {
            killWithReason.accept(reason);
          }
        },
        PERIOD_MS,
        PERIOD_MS,
        TimeUnit.MILLISECONDS);
  }

  private String check(ChildJvm jvm, RunSpec spec, long deadline, long testMs, Progress progress) {
    long now = System.currentTimeMillis();
    if (!jvm.process().isAlive()) {
      return null;
    }
    if (now > deadline) {
      return "total time limit of " + spec.totalTimeout().toSeconds() + " s exceeded";
    }
    long start = progress.currentStartMillis();
    if (start >= 0 && now - start > testMs) {
      return "timed out after " + spec.testTimeout().toSeconds() + " s";
    }
    // Outside tests (JVM start-up, discovery, class set-up) allow more: a loaded machine is slow.
    long idleMs = testMs + IDLE_GRACE_MS;
    if (start < 0 && now - progress.lastEventMillis() > idleMs) {
      return "no progress for " + idleMs / 1000 + " s outside any test";
    }
    return overLimit(jvm, spec, progress.diskBaseBytes(), ++ticks % 5 == 0);
  }

  /**
   * The kill reason if the child's process tree is over a resource limit (processes, threads,
   * resident memory and, if {@code checkDisk}, the disk quota), or null.
   *
   * @param diskBase bytes in the work folder when the child started
   */
  static String overLimit(ChildJvm jvm, RunSpec spec, long diskBase, boolean checkDisk) {
    SandboxLimits limits = spec.limits();
    if (Files.isDirectory(PROC) && jvm.process().isAlive()) {
      String reason = processTreeOverLimit(jvm, spec, limits);
      if (reason != null) {
        return reason;
      }
    }
    return checkDisk ? diskQuotaExceeded(spec, diskBase) : null;
  }

  private static String processTreeOverLimit(ChildJvm jvm, RunSpec spec, SandboxLimits limits) {
    List<ProcessHandle> tree =
        Stream.concat(Stream.of(jvm.process().toHandle()), jvm.process().descendants()).toList();
    if (tree.size() > limits.maxProcesses()) {
      return "started too many processes ("
          + tree.size()
          + ", limit "
          + limits.maxProcesses()
          + ")";
    }
    long threads = 0;
    long rssKb = 0;
    for (ProcessHandle p : tree) {
      for (String line : status(p.pid())) {
        if (line.startsWith("Threads:")) {
          threads += Long.parseLong(line.substring(8).trim());
        } else if (line.startsWith("VmRSS:")) {
          rssKb += Long.parseLong(line.substring(6).replace("kB", "").trim());
        }
      }
    }
    // The JVM itself needs a few dozen threads (GC, JIT, JUnit).
    if (threads > limits.maxThreads()) {
      return "started too many threads (" + threads + ", limit " + limits.maxThreads() + ")";
    }
    long memLimitMb = spec.heapMb() + (long) limits.extraMemoryMb();
    if (rssKb / 1024 > memLimitMb) {
      return "used too much memory (" + rssKb / 1024 + " MB resident, limit " + memLimitMb + " MB)";
    }
    return null;
  }

  /** Bytes in the work folder now (counted up to the quota plus {@code base} only). */
  static long diskBytes(RunSpec spec, long base) {
    long cap = spec.limits().diskMb() * 1024L * 1024L;
    return Files.isDirectory(spec.workDir()) ? FileTrees.size(spec.workDir(), base + cap) : 0;
  }

  /** The kill reason if the work folder grew by more than the quota since {@code base}, or null. */
  static String diskQuotaExceeded(RunSpec spec, long base) {
    long cap = spec.limits().diskMb() * 1024L * 1024L;
    return diskBytes(spec, base) - base > cap
        ? "wrote more than " + spec.limits().diskMb() + " MB to disk"
        : null;
  }

  private static List<String> status(long pid) {
    try {
      return Files.readAllLines(PROC.resolve(Long.toString(pid)).resolve("status"));
    } catch (IOException | RuntimeException e) {
      return List.of(); // the process just ended
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
