package io.pdslab.labs.concurrent.locks;

import org.junit.jupiter.api.Test;

/** The targeted checks of {@link LockContract} on {@link TasLock}. */
class TasLockTest extends LockContract {
  @Override
  LockKind kind() {
    return LockKind.TAS;
  }

  /**
   * A thread overtaken between seeing the lock free and taking it stays out (forced, not hoped).
   */
  @Test
  void overtakenThreadStaysOut() {
    SpinChecks.assertOvertakenThreadStaysOut("tas-overtaken", TasLock.class, TIMEOUT);
  }
}
