package io.pdslab.labs.concurrent.locks;

import org.junit.jupiter.api.Test;

/** The targeted checks of {@link LockContract} on {@link TtasLock}. */
class TtasLockTest extends LockContract {
  @Override
  LockKind kind() {
    return LockKind.TTAS;
  }

  /** A waiter spins on reads of the held flag, not on writes (no TAS in disguise). */
  @Test
  void waitersSpinOnReads() {
    SpinChecks.assertWaiterSpinsOnReads("ttas-reads", TtasLock.class, TIMEOUT);
  }

  /**
   * A thread overtaken between seeing the lock free and taking it stays out (forced, not hoped).
   */
  @Test
  void overtakenThreadStaysOut() {
    SpinChecks.assertOvertakenThreadStaysOut("ttas-overtaken", TtasLock.class, TIMEOUT);
  }
}
