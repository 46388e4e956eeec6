package io.pdslab.labs.concurrent.locks;

/** The targeted checks of {@link LockContract} on {@link TtasLock}. */
class TtasLockTest extends LockContract {
  @Override
  LockKind kind() {
    return LockKind.TTAS;
  }
}
