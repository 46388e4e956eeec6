package io.pdslab.grader.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A time limit that a busy machine does not break. It exists to stop an endless loop, so it counts
 * the CPU time of the child's whole process tree (read from {@code /proc}, which the child cannot
 * write), not the wall clock. Wall-clock time decides only in two cases:
 *
 * <ul>
 *   <li>{@link Verdict#STUCK}: over the limit in wall time, having used less CPU time than half of
 *       it, while the machine had CPU to spare — the test waits rather than computes (a deadlock, a
 *       lost wake-up): it fails as before;
 *   <li>{@link Verdict#OVERLOADED}: over {@value #BACKSTOP_FACTOR} times the limit in wall time, on
 *       a machine short of CPU: nothing is wrong with the test, the grade must be redone.
 * </ul>
 *
 * Whether the machine had CPU to spare is read from the kernel's CPU pressure ({@code
 * /proc/pressure/cpu}: the share of time some runnable task waited for a CPU), else from the load
 * average. On a shared machine that pressure is nearly always high, so when the child's own wait
 * for a CPU is known (its threads' run-queue time, from {@code /proc/PID/task/TID/schedstat}) a
 * child that hardly waited for a CPU was not slowed by the machine: a deadlock then fails at its
 * limit, however busy the machine. Without {@code /proc} (not Linux) the wall clock is all there
 * is, as before.
 *
 * <p>Time during which the child could not run at all — stopped by a signal from outside ({@code
 * SIGSTOP}: a batch system suspending the job, an administrator), or the grader itself suspended —
 * is <em>paused</em> time: it does not count toward {@link Verdict#STUCK}, only toward the overload
 * backstop, since a frozen test tells nothing about its code.
 */
final class TimeBudget {
  /** How far past its limit in wall time a test may run on an overloaded machine. */
  static final int BACKSTOP_FACTOR = 5;

  /** The share of wall time in CPU time from which a child counts as computing, not waiting. */
  static final double COMPUTING = 0.5;

  /** The share of wall time with tasks waiting for a CPU above which the machine was busy. */
  static final double CONTENDED = 0.25;

  /**
   * The child's threads' total wait for a CPU, as a share of wall time, below which the machine did
   * not slow the child down (a blocked thread does not wait for a CPU; a starved one does).
   */
  static final double CHILD_STARVED = 0.10;

  private static final Path PRESSURE = Path.of("/proc/pressure/cpu");
  private static final Path LOADAVG = Path.of("/proc/loadavg");

  /** What the budget says of the time spent so far. */
  enum Verdict {
    WITHIN,
    CPU_EXCEEDED,
    STUCK,
    OVERLOADED
  }

  /**
   * A reading of the clocks the budget compares.
   *
   * @param wallMs the wall clock
   * @param cpuMs the child tree's CPU time (-1 when unknown)
   * @param pressureMs the machine's total CPU pressure (-1 when unknown)
   * @param waitMs the child tree's threads' total wait for a CPU (-1 when unknown)
   * @param pausedMs the total wall-clock time during which the child could not run at all
   */
  record Clocks(long wallMs, long cpuMs, long pressureMs, long waitMs, long pausedMs) {
    /** A reading without paused time. */
    Clocks(long wallMs, long cpuMs, long pressureMs, long waitMs) {
      this(wallMs, cpuMs, pressureMs, waitMs, 0);
    }

    /** Now, with the child tree's CPU time, wait for a CPU (-1 when unknown) and paused time. */
    static Clocks now(long cpuMs, long waitMs, long pausedMs) {
      return new Clocks(
          System.currentTimeMillis(), cpuMs, TimeBudget.pressureMs(), waitMs, pausedMs);
    }
  }

  private final long limitMs;
  private final Clocks start;

  TimeBudget(long limitMs, Clocks start) {
    this.limitMs = limitMs;
    this.start = start;
  }

  long limitMs() {
    return limitMs;
  }

  /** Wall-clock milliseconds since the budget started. */
  long wallMs(Clocks now) {
    return now.wallMs() - start.wallMs();
  }

  /** Wall-clock milliseconds since the budget started during which the child could run. */
  long runnableWallMs(Clocks now) {
    return wallMs(now) - (now.pausedMs() - start.pausedMs());
  }

  /** CPU milliseconds of the child tree since the budget started, or -1 when unknown. */
  long cpuMs(Clocks now) {
    return now.cpuMs() < 0 || start.cpuMs() < 0 ? -1 : now.cpuMs() - start.cpuMs();
  }

  /** The child tree's wait for a CPU since the budget started in ms, or -1 when unknown. */
  long waitMs(Clocks now) {
    return now.waitMs() < 0 || start.waitMs() < 0 ? -1 : now.waitMs() - start.waitMs();
  }

  Verdict check(Clocks now) {
    long wall = runnableWallMs(now);
    long cpu = cpuMs(now);
    if (cpu < 0) {
      return wall > limitMs ? Verdict.STUCK : Verdict.WITHIN;
    }
    if (cpu > limitMs) {
      return Verdict.CPU_EXCEEDED;
    }
    // The backstop counts paused time too: a child that stays frozen still ends.
    if (wallMs(now) > limitMs * BACKSTOP_FACTOR) {
      return Verdict.OVERLOADED;
    }
    // A child that computed for most of the time is not waiting: it runs on until its CPU time
    // reaches the limit (at most twice the limit in wall time), so a busy loop whose thread started
    // a moment after the test is not called a deadlock.
    if (wall > limitMs && cpu < wall * COMPUTING && !contended(now, wall)) {
      return Verdict.STUCK;
    }
    return Verdict.WITHIN;
  }

  /**
   * Whether the child (else any task) waited for a CPU for a large share of the {@code wall}
   * milliseconds it could run.
   */
  private boolean contended(Clocks now, long wall) {
    long wait = waitMs(now);
    if (wait >= 0 && wall > 0) {
      return wait > CHILD_STARVED * wall;
    }
    if (now.pressureMs() >= 0 && start.pressureMs() >= 0 && wall > 0) {
      return (now.pressureMs() - start.pressureMs()) > CONTENDED * wall;
    }
    return loadAverage() > Runtime.getRuntime().availableProcessors();
  }

  /** Total milliseconds some task waited for a CPU (the kernel's PSI), or -1 if unknown. */
  static long pressureMs() {
    try {
      for (String line : Files.readAllLines(PRESSURE)) {
        if (line.startsWith("some ")) {
          for (String field : line.split(" ")) {
            if (field.startsWith("total=")) {
              return Long.parseLong(field.substring(6)) / 1000;
            }
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      // no PSI (older kernel, some containers): the load average decides
    }
    return -1;
  }

  /** The one-minute load average; a huge value (always contended) when unknown. */
  private static double loadAverage() {
    try {
      List<String> lines = Files.readAllLines(LOADAVG);
      return Double.parseDouble(lines.get(0).split(" ")[0]);
    } catch (IOException | RuntimeException e) {
      return Double.MAX_VALUE;
    }
  }
}
