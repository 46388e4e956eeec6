package io.pdslab.labs.concurrent.locks;

import java.util.concurrent.locks.Lock;
import java.util.function.Supplier;

/** The lab's locks, for parameterised tests. */
public enum LockKind {
  TAS(TasLock::new),
  TTAS(TtasLock::new),
  BACKOFF(BackoffLock::new),
  CLH(ClhLock::new),
  MCS(McsLock::new);

  private final Supplier<Lock> factory;

  LockKind(Supplier<Lock> factory) {
    this.factory = factory;
  }

  /** A new, unlocked lock of this kind. */
  public Lock create() {
    return factory.get();
  }
}
