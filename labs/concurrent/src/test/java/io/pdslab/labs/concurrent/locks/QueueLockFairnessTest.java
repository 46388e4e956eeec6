package io.pdslab.labs.concurrent.locks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Queue locks serve waiters first come, first served: while the main thread holds the lock, waiters
 * arrive one at a time (each given ample time to enqueue itself); they must acquire in arrival
 * order. A test-and-set lock would let them in in any order.
 */
class QueueLockFairnessTest {
  static final int WAITERS = 4;

  /** Time given to a waiter to reach its spin loop; long, because the machine may be loaded. */
  static final long SETTLE_MILLIS = 100;

  @ParameterizedTest
  @EnumSource(
      value = LockKind.class,
      names = {"CLH", "MCS"})
  void waitersAcquireInArrivalOrder(LockKind kind) throws InterruptedException {
    Lock lock = kind.create();
    List<Integer> order = new CopyOnWriteArrayList<>();
    CountDownLatch done = new CountDownLatch(WAITERS);
    List<Thread> threads = new ArrayList<>();
    lock.lock();
    try {
      for (int i = 0; i < WAITERS; i++) {
        int id = i;
        CountDownLatch started = new CountDownLatch(1);
        Thread t =
            new Thread(
                () -> {
                  started.countDown();
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
        started.await();
        Thread.sleep(SETTLE_MILLIS);
      }
    } finally {
      lock.unlock();
    }
    if (!done.await(60, TimeUnit.SECONDS)) {
      throw new AssertionError(
          "waiters still blocked after the lock was released\n"
              + io.pdslab.harness.perf.Workers.dump(threads));
    }
    assertEquals(List.of(0, 1, 2, 3), order, "acquisition order of waiters that arrived in order");
  }
}
