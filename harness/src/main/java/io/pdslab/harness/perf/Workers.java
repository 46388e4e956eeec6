package io.pdslab.harness.perf;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a body on several threads that start together, and waits for them with a timeout. A hang
 * (deadlock, livelock, a lost wake-up) becomes an {@link AssertionError} carrying a dump of the
 * worker threads instead of a stuck build. Worker threads are daemons, so a worker that spins
 * forever cannot keep the JVM alive (it can still burn a core until the JVM exits).
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

  private static final int DUMP_DEPTH = 12;

  private Workers() {}

  /**
   * Starts {@code threads} workers, releases them at once and waits until all are done.
   *
   * @return the wall-clock nanoseconds from release to the last worker's end
   * @throws AssertionError if a worker failed (with its exception as cause), or if they did not all
   *     finish within {@code timeout} (with a thread dump)
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
        throw new AssertionError(name + ": workers did not start in " + timeout);
      }
      long start = System.nanoTime();
      go.countDown();
      boolean finished = done.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
      long elapsed = System.nanoTime() - start;
      if (failure.get() != null) {
        throw new AssertionError(name + ": a worker failed: " + failure.get(), failure.get());
      }
      if (!finished) {
        throw new AssertionError(
            name
                + ": workers still running after "
                + timeout
                + " (deadlock or livelock?)\n"
                + dump(workers));
      }
      return elapsed;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(name + ": interrupted while waiting for workers", e);
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
