package io.pdslab.labs.concurrent.locks;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pdslab.harness.perf.Workers;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Lock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Targeted tests of every lock: exclusion under contention, tryLock, no deadlock. */
class LockTest {
  static final Duration TIMEOUT = Duration.ofSeconds(60);

  /** Exclusion with more threads than cores, so that lock holders get preempted. */
  @ParameterizedTest
  @EnumSource(LockKind.class)
  void mutualExclusionUnderContention(LockKind kind) {
    LockChecks.mutualExclusion(kind + "-exclusion", kind.create(), 4, 20_000, TIMEOUT);
  }

  /** A waiter spinning through a long hold must still see the release (visibility, not luck). */
  @ParameterizedTest
  @EnumSource(LockKind.class)
  void waiterSeesReleaseAfterLongHold(LockKind kind) {
    LockChecks.releaseSeenBySpinningWaiter(
        kind + "-handoff", kind.create(), Duration.ofMillis(300), 1, TIMEOUT);
  }

  @ParameterizedTest
  @EnumSource(LockKind.class)
  void tryLockFailsWhileHeldAndSucceedsAfterUnlock(LockKind kind) {
    Lock lock = kind.create();
    assertTrue(lock.tryLock(), "tryLock on a free lock");
    boolean[] otherGot = new boolean[1];
    Workers.run(kind + "-trylock", 1, TIMEOUT, i -> otherGot[0] = lock.tryLock());
    assertFalse(otherGot[0], "tryLock by another thread while the lock is held");
    lock.unlock();
    Workers.run(
        kind + "-trylock-after",
        1,
        TIMEOUT,
        i -> {
          otherGot[0] = lock.tryLock();
          if (otherGot[0]) {
            lock.unlock();
          }
        });
    assertTrue(otherGot[0], "tryLock by another thread after unlock");
    lock.lock(); // and the lock is usable again after the other thread's tryLock/unlock
    lock.unlock();
  }

  @ParameterizedTest
  @EnumSource(LockKind.class)
  void timedTryLockTimesOutWhileHeld(LockKind kind) throws InterruptedException {
    Lock lock = kind.create();
    lock.lock();
    boolean[] got = new boolean[1];
    Workers.run(kind + "-timed", 1, TIMEOUT, i -> got[0] = lock.tryLock(20, TimeUnit.MILLISECONDS));
    assertFalse(got[0], "timed tryLock while held");
    lock.unlock();
    assertTrue(lock.tryLock(1, TimeUnit.SECONDS), "timed tryLock when free");
    lock.unlock();
  }

  /**
   * Mixing lock() and tryLock() across threads keeps exclusion (checked inside the critical
   * section) and does not wedge the lock (a wedged lock() hangs a worker: {@link Workers} fails
   * with a thread dump).
   */
  @ParameterizedTest
  @EnumSource(LockKind.class)
  void tryLockAndLockMixed(LockKind kind) {
    Lock lock = kind.create();
    int threads = 3;
    int perThread = 50_000;
    long stopAt = System.nanoTime() + LockChecks.STOP_AFTER.toNanos(); // see STOP_AFTER
    AtomicInteger inside = new AtomicInteger();
    AtomicInteger entered = new AtomicInteger();
    Workers.run(
        kind + "-mixed",
        threads,
        TIMEOUT,
        i -> {
          for (int n = 0; n < perThread && (n < 2 || System.nanoTime() - stopAt < 0); n++) {
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
