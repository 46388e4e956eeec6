package io.pdslab.labs.concurrent.locks;

import org.junit.jupiter.api.Test;

/** The targeted checks of {@link LockContract} on {@link BackoffLock}. */
class BackoffLockTest extends LockContract {
  @Override
  LockKind kind() {
    return LockKind.BACKOFF;
  }

  /** A waiter spins on reads of the held flag, not on writes (no TAS in disguise). */
  @Test
  void waitersSpinOnReads() {
    SpinChecks.assertWaiterSpinsOnReads("backoff-reads", BackoffLock.class, TIMEOUT);
  }

  /** After each lost race the lock backs off, longer and longer. */
  @Test
  void backoffGrowsWithEachLostRace() {
    SpinChecks.assertBackoffGrows("backoff-grows", BackoffLock.class, TIMEOUT);
  }

  /**
   * A thread overtaken between seeing the lock free and taking it stays out (forced, not hoped).
   */
  @Test
  void overtakenThreadStaysOut() {
    SpinChecks.assertOvertakenThreadStaysOut("backoff-overtaken", BackoffLock.class, TIMEOUT);
  }
}
