package io.pdslab.grader.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls a child's process tree and stops it when it breaks a limit: per-test and total time (see
 * {@link TimeBudget}: CPU time, with the wall clock as a backstop), threads, processes, resident
 * memory, bytes written to its work folder. The first reason wins.
 *
 * <p>The disk quota counts growth of the work folder since this child started, so that what an
 * earlier, killed child left behind is not charged again to the tests a fresh child re-runs.
 */
final class Watchdog implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Watchdog.class);

  private static final long PERIOD_MS = 100;

  /**
   * A gap between two checks longer than this means the grader itself was suspended (or starved):
   * the child's time in that gap is not known, so it counts as paused, not as the test's.
   */
  private static final long SUSPENDED_GAP_MS = 2_000;

  private static final long IDLE_GRACE_MS = 60_000;
  private static final Path PROC = Path.of("/proc");

  /** Linux reports CPU time in clock ticks of 1/100 s on every architecture it runs on. */
  private static final long MS_PER_TICK = 10;

  /** What the watchdog reads from the run: the test in progress and the time of the last event. */
  interface Progress {
    /** Bytes in the work folder when the child started. */
    long diskBaseBytes();

    /** Start time (ms) of the test execution in progress, or -1 if none. */
    long currentStartMillis();

    /** Time (ms) of the last event from the child. */
    long lastEventMillis();
  }

  /**
   * Why the child is stopped.
   *
   * @param reason what the report says
   * @param overloaded whether the machine, not the test, is to blame (the test is not graded)
   * @param total whether the run's total budget, not the test's, ran out
   */
  record Stop(String reason, boolean overloaded, boolean total) {}

  /**
   * The run's total time: the CPU time and paused time of the children before this one, and the
   * budget.
   */
  interface Total {
    TimeBudget budget();

    long cpuMsBefore();

    long pausedMsBefore();
  }

  private final ScheduledExecutorService timer;
  private final ChildJvm jvm;
  private final RunSpec spec;
  private final Progress progress;
  private final Total total;
  private long ticks;
  private long phaseStart = Long.MIN_VALUE;
  private TimeBudget phase;
  private volatile long cpuMs;
  private final RunQueueWait runQueueWait = new RunQueueWait();
  private long lastCheckMs = -1;
  private volatile long pausedMs;

  Watchdog(ChildJvm jvm, RunSpec spec, Total total, Progress progress, Consumer<Stop> stop) {
    this.jvm = jvm;
    this.spec = spec;
    this.total = total;
    this.progress = progress;
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "pdslab-watchdog");
              t.setDaemon(true);
              return t;
            });
    timer.scheduleAtFixedRate(
        () -> {
          // An exception would cancel this periodic task for good, and with it every limit.
          try {
            Stop s = check();
            if (s != null) {
              stop.accept(s);
            }
          } catch (RuntimeException e) {
            LOG.error("watchdog check failed; it will try again", e);
          }
        },
        PERIOD_MS,
        PERIOD_MS,
        TimeUnit.MILLISECONDS);
  }

  /** The time this child could not run (stopped, or the grader suspended), in ms. */
  long pausedMs() {
    return pausedMs;
  }

  /** The CPU time of the child's tree at the last check, in ms (-1 when unknown). */
  long cpuMs() {
    return cpuMs;
  }

  private Stop check() {
    if (!jvm.process().isAlive()) {
      return null;
    }
    // Listing the tree walks all of /proc: once per check, for every reading below.
    List<ProcessHandle> processes = jvm.processTree();
    TreeReading tree = readTree(processes);
    long cpu = tree.cpuMs();
    if (cpu >= 0) {
      cpuMs = Math.max(cpuMs, cpu);
    }
    long wait = runQueueWait.update(processes);
    countPause(System.currentTimeMillis(), tree.stopped());
    // The whole run spans several children, whose waits are not all known: the machine decides.
    TimeBudget.Clocks runNow =
        TimeBudget.Clocks.now(
            cpu < 0 ? -1 : total.cpuMsBefore() + cpuMs, -1, total.pausedMsBefore() + pausedMs);
    TimeBudget.Clocks now =
        new TimeBudget.Clocks(runNow.wallMs(), runNow.cpuMs(), runNow.pressureMs(), wait, pausedMs);
    TimeBudget.Verdict all = total.budget().check(runNow);
    if (all != TimeBudget.Verdict.WITHIN) {
      return stop(all, total.budget(), runNow, "the whole run ", true);
    }
    long start = progress.currentStartMillis();
    boolean inTest = start >= 0;
    long since = inTest ? start : progress.lastEventMillis();
    if (since != phaseStart) {
      // A test started or ended, or an event came: a new phase, measured from now.
      phaseStart = since;
      // Outside tests (JVM start-up, discovery, class set-up) allow more: class loading is slow.
      long limit = spec.testTimeout().toMillis() + (inTest ? 0 : IDLE_GRACE_MS);
      phase = new TimeBudget(limit, now);
    }
    TimeBudget.Verdict v = phase.check(now);
    if (v != TimeBudget.Verdict.WITHIN) {
      return stop(v, phase, now, inTest ? "" : "no progress outside any test: ", false);
    }
    String reason = overLimit(jvm, processes, spec, progress.diskBaseBytes(), ++ticks % 5 == 0);
    return reason == null ? null : new Stop(reason, false, false);
  }

  private static Stop stop(
      TimeBudget.Verdict v, TimeBudget b, TimeBudget.Clocks now, String what, boolean total) {
    long limitS = b.limitMs() / 1000;
    return switch (v) {
      case CPU_EXCEEDED ->
          new Stop(what + "timed out after " + limitS + " s of CPU time", false, total);
      case STUCK ->
          new Stop(
              what
                  + "timed out after "
                  + limitS
                  + " s (waiting rather than computing: "
                  + b.cpuMs(now) / 1000
                  + " s of CPU time"
                  + (b.waitMs(now) < 0 ? "" : ", " + b.waitMs(now) / 1000 + " s waiting for a CPU")
                  + "; a deadlock or a lost wake-up?)",
              false,
              total);
      case OVERLOADED ->
          new Stop(
              "the grading machine was overloaded ("
                  + b.wallMs(now) / 1000
                  + " s of wall-clock time gave only "
                  + Math.max(0, b.cpuMs(now)) / 1000
                  + " s of CPU time); regrade",
              true,
              total);
      case WITHIN -> null;
    };
  }

  /**
   * Adds the time since the last check to the paused time if the child was stopped, or if the
   * checks themselves stopped for a while (the grader suspended).
   */
  private void countPause(long nowMs, boolean stopped) {
    if (lastCheckMs >= 0) {
      long gap = nowMs - lastCheckMs;
      if (stopped) {
        pausedMs += gap;
      } else if (gap > SUSPENDED_GAP_MS) {
        pausedMs += gap - PERIOD_MS;
      }
    }
    lastCheckMs = nowMs;
  }

  /**
   * What {@code /proc/PID/stat} says of the child's process tree.
   *
   * @param cpuMs the CPU time (user and system) of the whole tree in ms, counting the children its
   *     processes reaped; -1 without {@code /proc}
   * @param stopped whether a process of the tree is stopped by a signal ({@code SIGSTOP})
   */
  record TreeReading(long cpuMs, boolean stopped) {}

  static TreeReading readTree(List<ProcessHandle> tree) {
    if (!Files.isDirectory(PROC)) {
      return new TreeReading(-1, false);
    }
    long ticks = 0;
    boolean stopped = false;
    for (ProcessHandle p : tree) {
      String[] f = statFields(p.pid());
      try {
        // utime, stime, cutime, cstime are fields 14 to 17 of the line, 12 to 15 after the name;
        // the state is field 3 ('T': stopped by a signal).
        ticks +=
            Long.parseLong(f[11])
                + Long.parseLong(f[12])
                + Long.parseLong(f[13])
                + Long.parseLong(f[14]);
        stopped |= f[0].equals("T");
      } catch (RuntimeException e) {
        // the process just ended
      }
    }
    return new TreeReading(ticks * MS_PER_TICK, stopped);
  }

  /** The fields of {@code /proc/PID/stat} after the command name; empty if the process ended. */
  private static String[] statFields(long pid) {
    try {
      String stat = Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"));
      // The command name (2nd field) may hold spaces and parentheses: count from the last ')'.
      return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    } catch (IOException | RuntimeException e) {
      return new String[0]; // the process just ended
    }
  }

  /**
   * The kill reason if the child's process tree is over a resource limit (processes, threads,
   * resident memory and, if {@code checkDisk}, the disk quota), or null.
   *
   * @param diskBase bytes in the work folder when the child started
   */
  static String overLimit(ChildJvm jvm, RunSpec spec, long diskBase, boolean checkDisk) {
    return overLimit(jvm, jvm.processTree(), spec, diskBase, checkDisk);
  }

  /** {@link #overLimit(ChildJvm, RunSpec, long, boolean)} over a tree listed already. */
  private static String overLimit(
      ChildJvm jvm, List<ProcessHandle> tree, RunSpec spec, long diskBase, boolean checkDisk) {
    SandboxLimits limits = spec.limits();
    if (Files.isDirectory(PROC) && jvm.process().isAlive()) {
      String reason = processTreeOverLimit(tree, spec, limits);
      if (reason != null) {
        return reason;
      }
    }
    return checkDisk ? diskQuotaExceeded(spec, diskBase) : null;
  }

  private static String processTreeOverLimit(
      List<ProcessHandle> tree, RunSpec spec, SandboxLimits limits) {
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
