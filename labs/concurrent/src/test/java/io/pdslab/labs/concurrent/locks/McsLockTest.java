package io.pdslab.labs.concurrent.locks;

/** The targeted checks of {@link LockContract} on {@link McsLock}. */
class McsLockTest extends LockContract {
  @Override
  LockKind kind() {
    return LockKind.MCS;
  }
}
