package io.pdslab.labs.concurrent.given;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;

/**
 * Base class of the lab's spin locks: subclasses implement {@link #lock()}, {@link #unlock()} and
 * {@link #tryLock()}; the timed and interruptible variants are built on them here.
 *
 * <p>The locks are not reentrant and do not track their owner: calling {@code unlock()} without
 * holding the lock is a caller bug with undefined results.
 */
public abstract class SpinLock implements Lock {
  /** Acquires the lock, checking for interruption only before spinning. */
  @Override
  public void lockInterruptibly() throws InterruptedException {
    if (Thread.interrupted()) {
      throw new InterruptedException();
    }
    lock();
  }

  /**
   * Retries {@link #tryLock()} until it succeeds, the time runs out or the thread is interrupted.
   */
  @Override
  public boolean tryLock(long time, TimeUnit unit) throws InterruptedException {
    long deadline = System.nanoTime() + unit.toNanos(time);
    while (!tryLock()) {
      if (Thread.interrupted()) {
        throw new InterruptedException();
      }
      if (System.nanoTime() - deadline >= 0) {
        return false;
      }
      Thread.onSpinWait();
    }
    return true;
  }

  /** Spin locks have no condition variables. */
  @Override
  public Condition newCondition() {
    throw new UnsupportedOperationException("spin locks have no conditions");
  }
}
