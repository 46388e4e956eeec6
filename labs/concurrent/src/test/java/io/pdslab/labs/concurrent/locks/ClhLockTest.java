package io.pdslab.labs.concurrent.locks;

/** The targeted checks of {@link LockContract} on {@link ClhLock}. */
class ClhLockTest extends LockContract {
  @Override
  LockKind kind() {
    return LockKind.CLH;
  }
}
