package io.pdslab.labs.concurrent;

import java.util.concurrent.locks.Lock;
import org.jetbrains.lincheck.datastructures.Operation;

/**
 * Lincheck operations that use a {@link Lock} to guard a plain counter: if two threads are ever
 * inside the critical section together, an increment is lost or a value repeats, and the history is
 * not linearizable against a sequential counter. {@link #tryEnter()} enters through {@code
 * tryLock()}, which may fail while the lock is held, so it reports only whether it was alone.
 */
public abstract class LockSpec {
  private final Lock lock = newLock();
  private int counter;
  private int inside;

  /** The lock under test. */
  protected abstract Lock newLock();

  @Operation
  public int increment() {
    lock.lock();
    try {
      boolean alone = enter();
      int next = counter + 1; // read and write separately: a race loses an update
      counter = next;
      inside--;
      return alone ? next : -1;
    } finally {
      lock.unlock();
    }
  }

  /** Enters through {@code tryLock()}; false if another thread was inside at the same time. */
  @Operation
  public boolean tryEnter() {
    if (!lock.tryLock()) {
      return true; // failing while the lock is held is allowed
    }
    try {
      boolean alone = enter();
      inside--;
      return alone;
    } finally {
      lock.unlock();
    }
  }

  private boolean enter() {
    int now = inside + 1;
    inside = now;
    return now == 1;
  }

  /** The sequential specification: a counter; nobody is ever inside with someone else. */
  public static final class Sequential {
    private int counter;

    public int increment() {
      return ++counter;
    }

    public boolean tryEnter() {
      return true;
    }
  }
}
