package io.pdslab.labs.concurrent.locks;

/** The targeted checks of {@link LockContract} on {@link TasLock}. */
class TasLockTest extends LockContract {
  @Override
  LockKind kind() {
    return LockKind.TAS;
  }
}
