package io.pdslab.labs.concurrent.locks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.pdslab.harness.perf.Workers;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Lock;
import org.junit.jupiter.api.Test;

/**
 * Grader-only lock tests: heavy oversubscription, thread churn, interruption. One test per lock and
 * check, so that a bug in one lock costs only that lock's points.
 */
class HiddenLockTest {
  static final Duration TIMEOUT = Duration.ofSeconds(60);

  @Test
  void tasEightThreadsOnTwoCores() {
    eightThreadsOnTwoCores(LockKind.TAS);
  }

  @Test
  void tasThreadChurn() {
    threadChurn(LockKind.TAS);
  }

  @Test
  void tasLockInterruptibly() {
    lockInterruptiblyHonoursAPendingInterrupt(LockKind.TAS);
  }

  @Test
  void ttasEightThreadsOnTwoCores() {
    eightThreadsOnTwoCores(LockKind.TTAS);
  }

  @Test
  void ttasThreadChurn() {
    threadChurn(LockKind.TTAS);
  }

  @Test
  void ttasLockInterruptibly() {
    lockInterruptiblyHonoursAPendingInterrupt(LockKind.TTAS);
  }

  @Test
  void backoffEightThreadsOnTwoCores() {
    eightThreadsOnTwoCores(LockKind.BACKOFF);
  }

  @Test
  void backoffThreadChurn() {
    threadChurn(LockKind.BACKOFF);
  }

  @Test
  void backoffLockInterruptibly() {
    lockInterruptiblyHonoursAPendingInterrupt(LockKind.BACKOFF);
  }

  @Test
  void clhEightThreadsOnTwoCores() {
    eightThreadsOnTwoCores(LockKind.CLH);
  }

  @Test
  void clhThreadChurn() {
    threadChurn(LockKind.CLH);
  }

  @Test
  void clhLockInterruptibly() {
    lockInterruptiblyHonoursAPendingInterrupt(LockKind.CLH);
  }

  @Test
  void mcsEightThreadsOnTwoCores() {
    eightThreadsOnTwoCores(LockKind.MCS);
  }

  @Test
  void mcsThreadChurn() {
    threadChurn(LockKind.MCS);
  }

  @Test
  void mcsLockInterruptibly() {
    lockInterruptiblyHonoursAPendingInterrupt(LockKind.MCS);
  }

  static void eightThreadsOnTwoCores(LockKind kind) {
    LockChecks.mutualExclusion(kind + "-8", kind.create(), 8, 2_000, TIMEOUT);
  }

  /**
   * Many short-lived threads each take the lock a few times: per-thread state (queue nodes in
   * thread locals) must not leak between threads or be reused while another thread spins on it.
   */
  static void threadChurn(LockKind kind) {
    Lock lock = kind.create();
    AtomicInteger inside = new AtomicInteger();
    int[] counter = {0};
    for (int wave = 0; wave < 20; wave++) {
      Workers.run(
          kind + "-wave-" + wave,
          3,
          TIMEOUT,
          i -> {
            for (int n = 0; n < 200; n++) {
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
          });
    }
    lock.lock();
    try {
      assertEquals(20 * 3 * 200, counter[0]);
    } finally {
      lock.unlock();
    }
  }

  static void lockInterruptiblyHonoursAPendingInterrupt(LockKind kind) {
    Lock lock = kind.create();
    Workers.run(
        kind + "-interrupt",
        1,
        TIMEOUT,
        i -> {
          Thread.currentThread().interrupt();
          assertThrows(InterruptedException.class, lock::lockInterruptibly);
          lock.lockInterruptibly(); // interrupt status was cleared: this one succeeds
          lock.unlock();
        });
  }
}
