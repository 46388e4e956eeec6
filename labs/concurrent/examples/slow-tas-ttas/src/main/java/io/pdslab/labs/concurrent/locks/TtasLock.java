package io.pdslab.labs.concurrent.locks;

import io.pdslab.labs.concurrent.given.SpinLock;
import io.pdslab.labs.concurrent.given.Spin;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Test-and-test-and-set lock: waiting threads spin on a cached read and only try {@code getAndSet}
 * once the lock looks free.
 */
public final class TtasLock extends SpinLock {
  private final AtomicBoolean held = new AtomicBoolean();

  @Override
  public void lock() {
    // Spins on getAndSet itself, like TAS: every spin is a write that steals the cache line.
    int spins = 0;
    while (held.getAndSet(true)) {
      spins = Spin.spin(spins);
    }
    // STUB: throw new UnsupportedOperationException("TODO: TtasLock.lock()");
  }

  @Override
  public boolean tryLock() {
    // BEGIN SOLUTION
    return !held.get() && !held.getAndSet(true);
    // END SOLUTION
    // STUB: throw new UnsupportedOperationException("TODO: TtasLock.tryLock()");
  }

  @Override
  public void unlock() {
    // BEGIN SOLUTION
    held.set(false);
    // END SOLUTION
    // STUB: throw new UnsupportedOperationException("TODO: TtasLock.unlock()");
  }
}
