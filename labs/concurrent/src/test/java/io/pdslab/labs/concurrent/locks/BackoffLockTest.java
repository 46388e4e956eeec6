package io.pdslab.labs.concurrent.locks;

/** The targeted checks of {@link LockContract} on {@link BackoffLock}. */
class BackoffLockTest extends LockContract {
  @Override
  LockKind kind() {
    return LockKind.BACKOFF;
  }
}
