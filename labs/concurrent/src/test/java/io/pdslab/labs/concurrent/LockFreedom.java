package io.pdslab.labs.concurrent;

import io.pdslab.harness.perf.Workers;
import java.lang.management.LockInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Structural checks that a lock-free structure takes no lock, decided by thread states rather than
 * by timing: correct but blocking designs (every method {@code synchronized}) keep every point a
 * throughput test on 2 cores can give, yet one preempted thread stops them all.
 */
public final class LockFreedom {
  private LockFreedom() {}

  /**
   * Holds {@code structure}'s monitor while another thread runs {@code operation} on it: the
   * operation must finish, not block on the monitor ({@code synchronized} methods or blocks on the
   * structure do).
   */
  public static void assertIgnoresMonitor(String name, Object structure, Runnable operation)
      throws InterruptedException {
    // The operation must also work: one that throws (a stub) takes no lock but proves nothing.
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Runnable guarded =
        () -> {
          try {
            operation.run();
          } catch (Throwable t) {
            failure.set(t);
          }
        };
    Thread worker = new Thread(guarded, name + "-op");
    worker.setDaemon(true);
    synchronized (structure) {
      worker.start();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      boolean blocked = false;
      while (worker.isAlive() && !blocked && System.nanoTime() - deadline < 0) {
        blocked = blockedOn(worker, structure);
        Thread.sleep(1);
      }
      if (blocked) {
        String dump = Workers.dump(List.of(worker));
        // Throwing leaves the synchronized block, which lets the worker finish.
        throw new AssertionError(
            name
                + " waited for a lock on the structure that another thread held (synchronized"
                + " methods?): a lock-free structure never waits for another thread\n"
                + dump);
      }
    }
    worker.join(TimeUnit.SECONDS.toMillis(60));
    String leaked = Workers.stop(name, List.of(worker));
    if (!leaked.isEmpty()) {
      throw new AssertionError(name + " did not finish" + leaked);
    }
    if (failure.get() != null) {
      throw new AssertionError(name + " failed: " + failure.get(), failure.get());
    }
  }

  /**
   * Whether {@code t} is blocked entering {@code monitor}'s monitor (not some other one: class
   * loading and JDK internals block briefly on their own locks).
   */
  @SuppressWarnings("deprecation") // Thread.threadId() exists only from JDK 19 on
  private static boolean blockedOn(Thread t, Object monitor) {
    ThreadInfo info = ManagementFactory.getThreadMXBean().getThreadInfo(t.getId());
    LockInfo lock = info == null ? null : info.getLockInfo();
    return info != null
        && info.getThreadState() == Thread.State.BLOCKED
        && lock != null
        && lock.getIdentityHashCode() == System.identityHashCode(monitor)
        && lock.getClassName().equals(monitor.getClass().getName());
  }
}
