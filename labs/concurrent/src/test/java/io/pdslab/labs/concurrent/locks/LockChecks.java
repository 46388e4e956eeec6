package io.pdslab.labs.concurrent.locks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pdslab.harness.perf.Workers;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Lock;

/** Real-thread checks of a lock, shared by the public and hidden tests. */
public final class LockChecks {
  private LockChecks() {}

  /**
   * Threads increment a plain counter inside the lock and check that nobody else is inside; the
   * final count must be exact. Fails with a thread dump if the workers do not finish in time.
   */
  public static void mutualExclusion(
      String name, Lock lock, int threads, int perThread, Duration timeout) {
    mutualExclusion(name, lock, threads, perThread, Duration.ZERO, timeout);
  }

  /**
   * As above, but each thread keeps going after its {@code perThread} acquisitions until {@code
   * minRun} has passed: on a loaded machine a short run may never be preempted at a bad moment.
   */
  public static void mutualExclusion(
      String name, Lock lock, int threads, int perThread, Duration minRun, Duration timeout) {
    AtomicInteger inside = new AtomicInteger();
    AtomicInteger expected = new AtomicInteger();
    int[] counter = {0};
    long deadline = System.nanoTime() + minRun.toNanos();
    Workers.run(
        name,
        threads,
        timeout,
        i -> {
          int n = 0;
          for (; n < perThread || System.nanoTime() - deadline < 0; n++) {
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
}
