package io.pdslab.labs.concurrent.buggy;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;

/** BUG: tests and then sets in two steps, so two threads can both see "free" and both enter. */
public final class TasWithoutAtomicity implements Lock {
  private final AtomicBoolean held = new AtomicBoolean();

  @Override
  public void lock() {
    while (held.get()) {
      Thread.onSpinWait();
    }
    held.set(true);
  }

  @Override
  public boolean tryLock() {
    if (held.get()) {
      return false;
    }
    held.set(true);
    return true;
  }

  @Override
  public void unlock() {
    held.set(false);
  }

  @Override
  public void lockInterruptibly() {
    lock();
  }

  @Override
  public boolean tryLock(long time, java.util.concurrent.TimeUnit unit) {
    return tryLock();
  }

  @Override
  public Condition newCondition() {
    throw new UnsupportedOperationException();
  }
}
