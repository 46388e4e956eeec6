package io.pdslab.labs.concurrent.locks;

import io.pdslab.labs.concurrent.given.Spin;
import io.pdslab.labs.concurrent.given.SpinLock;
import java.util.concurrent.atomic.AtomicBoolean;

/** Test-and-set lock: every waiting thread hammers the lock word with {@code getAndSet}. */
public final class TasLock extends SpinLock {
  private final AtomicBoolean held = new AtomicBoolean();

  @Override
  public void lock() {
    // BEGIN SOLUTION
    int spins = 0;
    while (held.getAndSet(true)) {
      spins = Spin.spin(spins);
    }
    // END SOLUTION
    // STUB: throw new UnsupportedOperationException("TODO: TasLock.lock()");
  }

  @Override
  public boolean tryLock() {
    // BEGIN SOLUTION
    return !held.getAndSet(true);
    // END SOLUTION
    // STUB: throw new UnsupportedOperationException("TODO: TasLock.tryLock()");
  }

  @Override
  public void unlock() {
    // BEGIN SOLUTION
    held.set(false);
    // END SOLUTION
    // STUB: throw new UnsupportedOperationException("TODO: TasLock.unlock()");
  }
}
