package io.pdslab.labs.concurrent.locks;

import io.pdslab.labs.concurrent.given.Backoff;
import io.pdslab.labs.concurrent.given.Spin;
import io.pdslab.labs.concurrent.given.SpinLock;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * TTAS lock with randomised exponential backoff: a thread that sees the lock free but loses the
 * race for it backs off, which spreads out the contenders.
 */
public final class BackoffLock extends SpinLock {
  static final int MIN_SPINS = 8;
  static final int MAX_SPINS = 1 << 12;

  private final AtomicBoolean held = new AtomicBoolean();

  @Override
  public void lock() {
    // BEGIN SOLUTION
    Backoff backoff = null;
    while (true) {
      int spins = 0;
      while (held.get()) {
        spins = Spin.spin(spins);
      }
      if (!held.getAndSet(true)) {
        return;
      }
      if (backoff == null) {
        // Correct but slow under contention: maxSpins == minSpins, so the limit never grows.
        backoff =
            new Backoff(MIN_SPINS, MIN_SPINS, System.identityHashCode(Thread.currentThread()));
      }
      backoff.backoff();
    }
    // END SOLUTION
    // STUB: throw new UnsupportedOperationException("TODO: BackoffLock.lock()");
  }

  @Override
  public boolean tryLock() {
    // BEGIN SOLUTION
    return !held.get() && !held.getAndSet(true);
    // END SOLUTION
    // STUB: throw new UnsupportedOperationException("TODO: BackoffLock.tryLock()");
  }

  @Override
  public void unlock() {
    // BEGIN SOLUTION
    held.set(false);
    // END SOLUTION
    // STUB: throw new UnsupportedOperationException("TODO: BackoffLock.unlock()");
  }
}
