package io.pdslab.labs.concurrent.locks;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pdslab.harness.perf.Workers;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import org.junit.jupiter.api.Test;

/**
 * Targeted real-thread checks every lock must pass: exclusion under contention, visibility of the
 * release, tryLock semantics, no deadlock. One subclass per lock, so that a bug in one lock costs
 * only that lock's points.
 */
abstract class LockContract {
  static final Duration TIMEOUT = Duration.ofSeconds(60);

  /** The lock under test. */
  abstract LockKind kind();

  /** Exclusion with more threads than cores, so that lock holders get preempted. */
  @Test
  void mutualExclusionUnderContention() {
    LockChecks.mutualExclusion(kind() + "-exclusion", kind().create(), 4, 20_000, TIMEOUT);
  }

  /**
   * A waiter spinning through a long hold must stay out while the lock is held (exclusion, checked
   * deterministically) and still see the release (visibility, not luck).
   */
  @Test
  void waiterSeesReleaseAfterLongHold() {
    LockChecks.releaseSeenBySpinningWaiter(
        kind() + "-handoff", kind().create(), Duration.ofMillis(100), 1, TIMEOUT);
  }

  @Test
  void tryLockFailsWhileHeldAndSucceedsAfterUnlock() {
    Lock lock = kind().create();
    assertTrue(lock.tryLock(), "tryLock on a free lock");
    boolean[] otherGot = new boolean[1];
    Workers.run(kind() + "-trylock", 1, TIMEOUT, i -> otherGot[0] = lock.tryLock());
    assertFalse(otherGot[0], "tryLock by another thread while the lock is held");
    lock.unlock();
    Workers.run(
        kind() + "-trylock-after",
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

  @Test
  void timedTryLockTimesOutWhileHeld() throws InterruptedException {
    Lock lock = kind().create();
    lock.lock();
    boolean[] got = new boolean[1];
    Workers.run(
        kind() + "-timed", 1, TIMEOUT, i -> got[0] = lock.tryLock(20, TimeUnit.MILLISECONDS));
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
  @Test
  void tryLockAndLockMixed() {
    LockChecks.tryLockAndLockMixed(kind() + "-mixed", kind().create(), 3, 50_000, TIMEOUT);
  }
}
