package io.pdslab.labs.concurrent.locks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pdslab.harness.perf.Workers;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
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

  /**
   * A holder keeps the lock for {@code hold} while another thread waits in {@code lock()}, then
   * releases it; the waiter must get in. The long hold matters: it lets the JIT compile the
   * waiter's spin loop while the lock is taken, and a loop that reads a plain (non-volatile) field
   * may then read it once and spin forever. Short critical sections rarely show that bug.
   *
   * @param rounds how many hold-and-release handoffs to run, each with a fresh waiter thread
   * @throws AssertionError if a waiter fails or does not get the lock within {@code timeout}
   */
  public static void releaseSeenBySpinningWaiter(
      String name, Lock lock, Duration hold, int rounds, Duration timeout) {
    for (int round = 0; round < rounds; round++) {
      CountDownLatch held = new CountDownLatch(1);
      Workers.run(
          name + "-round" + round,
          2,
          timeout,
          i -> {
            if (i == 0) {
              lock.lock();
              held.countDown();
              Thread.sleep(hold.toMillis());
              lock.unlock();
            } else {
              held.await();
              lock.lock();
              lock.unlock();
            }
          });
    }
  }
}
