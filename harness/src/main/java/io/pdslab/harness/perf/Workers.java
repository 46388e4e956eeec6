package io.pdslab.harness.perf;

import io.pdslab.harness.testrun.PdslabProperties;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a body on several threads that start together, and waits for them with a timeout. A hang
 * (deadlock, livelock, a lost wake-up) becomes an {@link AssertionError} carrying a dump of the
 * worker threads instead of a stuck build.
 *
 * <p>A failure is fatal to the run: once a worker fails or the timeout passes, the other workers
 * are interrupted and given {@link #STOP_GRACE} to end. A worker that still runs after that (a spin
 * loop in the code under test ignores interrupts) would steal a core from every later test and
 * could change what they see, so the JVM is marked <em>poisoned</em>: {@link #poisoned()} says why,
 * and {@link io.pdslab.harness.junit.PoisonedJvmGuard} keeps later tests out of this JVM.
 */
public final class Workers {
  /** The body of one worker. */
  @FunctionalInterface
  public interface Body {
    /**
     * Runs on worker thread {@code index}, in {@code [0, threads)}.
     *
     * @throws Exception anything; the first failure is rethrown by {@link #run}
     */
    void run(int index) throws Exception;
  }

  /** How long interrupted workers get to end before they count as leaked. */
  static final Duration STOP_GRACE = Duration.ofSeconds(2);

  private static final int DUMP_DEPTH = 12;
  private static final long POLL_MILLIS = 20;

  private static volatile String poisonReason;

  private Workers() {}

  /**
   * Starts {@code threads} workers, releases them at once and waits until all are done.
   *
   * @return the wall-clock nanoseconds from release to the last worker's end
   * @throws AssertionError if a worker failed (with its exception as cause), or if they did not all
   *     finish within {@code timeout} (with a thread dump); either way no worker is left running,
   *     or the JVM is marked poisoned
   */
  public static long run(String name, int threads, Duration timeout, Body body) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1");
    }
    CountDownLatch ready = new CountDownLatch(threads);
    CountDownLatch go = new CountDownLatch(1);
    CountDownLatch done = new CountDownLatch(threads);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    List<Thread> workers = new ArrayList<>(threads);
    for (int i = 0; i < threads; i++) {
      int index = i;
      Thread t =
          new Thread(
              () -> {
                try {
                  ready.countDown();
                  go.await();
                  body.run(index);
                } catch (Throwable e) {
                  failure.compareAndSet(null, e);
                } finally {
                  done.countDown();
                }
              },
              name + "-" + i);
      t.setDaemon(true);
      workers.add(t);
      t.start();
    }
    try {
      if (!ready.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new AssertionError(
            name + ": workers did not start in " + timeout + stop(name, workers));
      }
      long start = System.nanoTime();
      go.countDown();
      long deadline = start + timeout.toNanos();
      boolean finished = false;
      while (!finished && failure.get() == null && System.nanoTime() - deadline < 0) {
        finished = done.await(POLL_MILLIS, TimeUnit.MILLISECONDS);
      }
      long elapsed = System.nanoTime() - start;
      if (failure.get() != null) {
        String left = finished ? "" : stop(name, workers);
        throw new AssertionError(
            name + ": a worker failed: " + failure.get() + left, failure.get());
      }
      if (!finished) {
        String dump = dump(workers);
        throw new AssertionError(
            name
                + ": workers still running after "
                + timeout
                + " (deadlock or livelock?)\n"
                + dump
                + stop(name, workers));
      }
      return elapsed;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(
          name + ": interrupted while waiting for workers" + stop(name, workers), e);
    }
  }

  /**
   * Ends threads that must not outlive a failed check: interrupts them and waits up to {@link
   * #STOP_GRACE}; if any is still alive, marks the JVM poisoned. For checks that start their own
   * threads.
   *
   * @return "" if every thread ended, else a sentence for the failure message saying that the JVM
   *     is poisoned
   */
  public static String stop(String name, List<Thread> threads) {
    threads.forEach(Thread::interrupt);
    long deadline = System.nanoTime() + STOP_GRACE.toNanos();
    for (Thread t : threads) {
      long left = deadline - System.nanoTime();
      if (left > 0) {
        try {
          t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    long alive = threads.stream().filter(Thread::isAlive).count();
    if (alive == 0) {
      return "";
    }
    String reason =
        name + ": " + alive + " thread(s) still running after interrupt (they ignore interrupts)";
    poison(reason);
    return "\n"
        + reason
        + "; they would slow down or disturb every later test, so this JVM runs no more tests";
  }

  /**
   * Why this JVM must run no more tests, if a run left threads behind that could not be stopped.
   */
  public static Optional<String> poisoned() {
    return Optional.ofNullable(poisonReason);
  }

  private static synchronized void poison(String reason) {
    if (poisonReason == null) {
      poisonReason = reason;
      System.setProperty(PdslabProperties.JVM_POISONED, reason);
    }
  }

  /** A stack dump of the given threads that are still alive. */
  public static String dump(List<Thread> threads) {
    StringBuilder sb = new StringBuilder();
    for (Thread t : threads) {
      if (!t.isAlive()) {
        continue;
      }
      ThreadInfo info = ManagementFactory.getThreadMXBean().getThreadInfo(threadId(t), DUMP_DEPTH);
      sb.append('"').append(t.getName()).append("\" ").append(t.getState()).append('\n');
      StackTraceElement[] stack = info != null ? info.getStackTrace() : t.getStackTrace();
      for (StackTraceElement e : stack) {
        sb.append("    at ").append(e).append('\n');
      }
    }
    return sb.toString();
  }

  /**
   * The CPU time thread {@code t} has used so far, in nanoseconds, or -1 if this JVM cannot tell.
   * Unlike wall time it does not grow while the thread waits for a core, so "has run for X" holds
   * however loaded the machine is.
   */
  public static long cpuTimeNanos(Thread t) {
    var mx = ManagementFactory.getThreadMXBean();
    if (!mx.isThreadCpuTimeSupported() || !mx.isThreadCpuTimeEnabled()) {
      return -1;
    }
    return mx.getThreadCpuTime(threadId(t));
  }

  @SuppressWarnings("deprecation") // Thread.threadId() exists only from JDK 19 on
  private static long threadId(Thread t) {
    return t.getId();
  }
}
