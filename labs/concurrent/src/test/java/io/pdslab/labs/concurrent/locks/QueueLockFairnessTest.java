package io.pdslab.labs.concurrent.locks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pdslab.harness.perf.Workers;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import org.junit.jupiter.api.Test;

/**
 * Queue locks serve waiters first come, first served: while the main thread holds the lock, waiters
 * arrive one at a time (each given ample time to enqueue itself); they must acquire in arrival
 * order. A test-and-set lock would let them in in any order.
 */
class QueueLockFairnessTest {
  static final int WAITERS = 4;

  /**
   * CPU time a waiter must have used before the next one starts. Enqueuing takes microseconds, so a
   * waiter that has run this long is spinning in the queue. Counting the waiter's own CPU time, not
   * wall time, keeps the order certain however loaded the machine is.
   */
  static final long SETTLE_CPU_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

  /** Used where the JVM cannot measure thread CPU time. */
  static final long SETTLE_MILLIS = 200;

  @Test
  void clhWaitersAcquireInArrivalOrder() throws InterruptedException {
    waitersAcquireInArrivalOrder(LockKind.CLH);
  }

  @Test
  void mcsWaitersAcquireInArrivalOrder() throws InterruptedException {
    waitersAcquireInArrivalOrder(LockKind.MCS);
  }

  static void waitersAcquireInArrivalOrder(LockKind kind) throws InterruptedException {
    Lock lock = kind.create();
    List<Integer> order = new CopyOnWriteArrayList<>();
    CountDownLatch done = new CountDownLatch(WAITERS);
    List<Thread> threads = new ArrayList<>();
    lock.lock();
    try {
      for (int i = 0; i < WAITERS; i++) {
        int id = i;
        Thread t =
            new Thread(
                () -> {
                  lock.lock();
                  try {
                    order.add(id);
                  } finally {
                    lock.unlock();
                    done.countDown();
                  }
                },
                kind + "-waiter-" + i);
        t.setDaemon(true);
        threads.add(t);
        t.start();
        awaitSpinning(t);
      }
    } finally {
      lock.unlock();
    }
    if (!done.await(60, TimeUnit.SECONDS)) {
      throw new AssertionError(
          "waiters still blocked after the lock was released\n"
              + Workers.dump(threads)
              + Workers.stop(kind + "-waiters", threads));
    }
    assertEquals(List.of(0, 1, 2, 3), order, "acquisition order of waiters that arrived in order");
  }

  /** Returns once waiter {@code t} has used {@link #SETTLE_CPU_NANOS} of CPU time. */
  private static void awaitSpinning(Thread t) throws InterruptedException {
    if (Workers.cpuTimeNanos(t) < 0) {
      Thread.sleep(SETTLE_MILLIS);
      return;
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (Workers.cpuTimeNanos(t) < SETTLE_CPU_NANOS) {
      if (!t.isAlive() || System.nanoTime() - deadline > 0) {
        throw new AssertionError(
            t.getName()
                + " did not keep waiting for the held lock\n"
                + Workers.dump(List.of(t))
                + Workers.stop(t.getName(), List.of(t)));
      }
      Thread.sleep(1);
    }
  }
}
