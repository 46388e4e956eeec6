package io.pdslab.labs.concurrent.locks;

import io.pdslab.labs.concurrent.given.Spin;
import io.pdslab.labs.concurrent.given.SpinLock;
import java.util.concurrent.atomic.AtomicBoolean;

/** Test-and-set lock, with a planted part-A bug: the test and the set are two steps. */
public final class TasLock extends SpinLock {
  private final AtomicBoolean held = new AtomicBoolean();

  @Override
  public void lock() {
    int spins = 0;
    while (held.get()) {
      spins = Spin.spin(spins);
    }
    // BUG: another thread can pass the loop between the read above and this write.
    held.set(true);
  }

  @Override
  public boolean tryLock() {
    return !held.getAndSet(true);
  }

  @Override
  public void unlock() {
    held.set(false);
  }
}
