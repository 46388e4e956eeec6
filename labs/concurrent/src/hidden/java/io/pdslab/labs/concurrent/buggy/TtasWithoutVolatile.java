package io.pdslab.labs.concurrent.buggy;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;

/**
 * BUG: the lock word is a plain field. The compare-and-set is atomic, but the spin loop reads the
 * field without any ordering, so the JIT may hoist the read out of the loop and the waiter never
 * sees the release. (The bounded spin only keeps this demonstration from burning a core forever; a
 * real student's version would hang.)
 */
public final class TtasWithoutVolatile implements Lock {
  private static final long GIVE_UP_SPINS = 1L << 31;
  private static final VarHandle HELD;

  static {
    try {
      HELD = MethodHandles.lookup().findVarHandle(TtasWithoutVolatile.class, "held", boolean.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private boolean held; // should be volatile

  @Override
  public void lock() {
    while (true) {
      long spins = 0;
      while (held) {
        if (++spins > GIVE_UP_SPINS) {
          throw new IllegalStateException("spun " + spins + " times without seeing the release");
        }
      }
      if (HELD.compareAndSet(this, false, true)) {
        return;
      }
    }
  }

  @Override
  public boolean tryLock() {
    return HELD.compareAndSet(this, false, true);
  }

  @Override
  public void unlock() {
    held = false;
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
