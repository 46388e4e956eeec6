package io.pdslab.labs.concurrent.locks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pdslab.harness.perf.Workers;
import io.pdslab.labs.concurrent.Churn;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Lock;

/** Real-thread checks of a lock, shared by the public and hidden tests. */
public final class LockChecks {
  private LockChecks() {}

  /**
   * How long an exclusion run may go on once every thread has taken the lock once. On a loaded
   * machine a queue lock waits for a scheduler time slice at every handoff (the next thread in line
   * must get a core), so a fixed count can take minutes; the run stops early instead, having still
   * made thousands of acquisitions under preemption.
   */
  static final Duration STOP_AFTER = Duration.ofSeconds(8);

  /**
   * Threads increment a plain counter inside the lock and check that nobody else is inside; the
   * final count must be exact. Each thread makes {@code perThread} acquisitions, or fewer if {@link
   * #STOP_AFTER} has passed. Fails with a thread dump if the workers do not finish in time.
   */
  public static void mutualExclusion(
      String name, Lock lock, int threads, int perThread, Duration timeout) {
    AtomicInteger inside = new AtomicInteger();
    AtomicInteger expected = new AtomicInteger();
    int[] counter = {0};
    long stopAt = System.nanoTime() + STOP_AFTER.toNanos();
    Workers.run(
        name,
        threads,
        timeout,
        i -> {
          int n = 0;
          while (true) {
            Churn.stopIfInterrupted();
            if (n == perThread || (n > 0 && System.nanoTime() - stopAt >= 0)) {
              break;
            }
            lock.lock();
            try {
              if (inside.incrementAndGet() != 1) {
                throw new AssertionError("two threads inside the critical section");
              }
              counter[0]++;
              inside.decrementAndGet();
            } finally {
              lock.unlock();
            }
            n++;
          }
          expected.addAndGet(n);
        });
    lock.lock(); // happens-before edge from the last unlock: counter[0] is up to date
    try {
      assertEquals(expected.get(), counter[0], "increments inside the lock");
    } finally {
      lock.unlock();
    }
  }

  /**
   * A holder keeps the lock while another thread waits in {@code lock()}, until the waiter has spun
   * for {@code hold} of its own CPU time, then releases it; the waiter must not get in before the
   * release, and must get in after it. The long spin matters: it lets the JIT compile the waiter's
   * spin loop while the lock is taken, and a loop that reads a plain (non-volatile) field may then
   * read it once and spin forever. Short critical sections rarely show that bug; counting the
   * waiter's CPU time rather than wall time keeps this true on a loaded machine. The check that the
   * waiter stays out is deterministic: a lock that lets a second thread in while it is held (an
   * inverted spin condition, say) fails here every time, whereas the exclusion counters only see it
   * when two threads happen to be inside at the same instant.
   *
   * @param rounds how many hold-and-release handoffs to run, each with a fresh waiter thread
   * @throws AssertionError if the waiter gets in while the lock is held, if a waiter fails, or if
   *     it does not get the lock within {@code timeout}
   */
  public static void releaseSeenBySpinningWaiter(
      String name, Lock lock, Duration hold, int rounds, Duration timeout) {
    for (int round = 0; round < rounds; round++) {
      CountDownLatch held = new CountDownLatch(1);
      AtomicReference<Thread> waiter = new AtomicReference<>();
      AtomicBoolean waiterIn = new AtomicBoolean();
      Workers.run(
          name + "-round" + round,
          2,
          timeout,
          i -> {
            if (i == 0) {
              lock.lock();
              held.countDown();
              awaitSpun(waiter, waiterIn, hold, timeout);
              if (waiterIn.get()) {
                throw new AssertionError(
                    "lock() returned in a second thread while the first still held the lock:"
                        + " no mutual exclusion");
              }
              lock.unlock();
            } else {
              waiter.set(Thread.currentThread());
              held.await();
              lock.lock();
              waiterIn.set(true);
              lock.unlock();
            }
          });
    }
  }

  /**
   * Waits until the waiter has used {@code cpu} of CPU time (or that much wall time, if unknown),
   * or has got in (a broken lock: no use waiting for it to spin).
   */
  private static void awaitSpun(
      AtomicReference<Thread> waiter, AtomicBoolean waiterIn, Duration cpu, Duration timeout)
      throws InterruptedException {
    long start = System.nanoTime();
    long cap = timeout.toNanos() / 2;
    while (System.nanoTime() - start < cap && !waiterIn.get()) {
      Thread t = waiter.get();
      long used = t == null ? 0 : Workers.cpuTimeNanos(t);
      if (used < 0 ? System.nanoTime() - start >= cpu.toNanos() : used >= cpu.toNanos()) {
        return;
      }
      Thread.sleep(5);
    }
  }

  /**
   * Mixing lock() and tryLock() across threads keeps exclusion (checked inside the critical
   * section) and does not wedge the lock. Each thread makes {@code perThread} attempts, or fewer
   * once {@link #STOP_AFTER} has passed.
   */
  public static void tryLockAndLockMixed(
      String name, Lock lock, int threads, int perThread, Duration timeout) {
    long stopAt = System.nanoTime() + STOP_AFTER.toNanos();
    AtomicInteger inside = new AtomicInteger();
    AtomicInteger entered = new AtomicInteger();
    Workers.run(
        name,
        threads,
        timeout,
        i -> {
          for (int n = 0; n < perThread && (n < 2 || System.nanoTime() - stopAt < 0); n++) {
            Churn.stopIfInterrupted();
            boolean got;
            if ((n + i) % 2 == 0) {
              lock.lock();
              got = true;
            } else {
              got = lock.tryLock();
            }
            if (!got) {
              continue;
            }
            try {
              if (inside.incrementAndGet() != 1) {
                throw new AssertionError("two threads inside the critical section");
              }
              entered.incrementAndGet();
              inside.decrementAndGet();
            } finally {
              lock.unlock();
            }
          }
        });
    assertTrue(entered.get() > 0, "nobody got in");
  }
}
