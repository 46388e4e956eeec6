package io.pdslab.labs.concurrent;

import java.util.concurrent.locks.Lock;
import org.jetbrains.lincheck.datastructures.Operation;

/**
 * Lincheck operations that use a {@link Lock} to guard a plain counter: if two threads are ever
 * inside the critical section together, an increment is lost or a value repeats, and the history is
 * not linearizable against a sequential counter.
 */
public abstract class LockSpec {
  private final Lock lock = newLock();
  private int counter;

  /** The lock under test. */
  protected abstract Lock newLock();

  @Operation
  public int increment() {
    lock.lock();
    try {
      int next = counter + 1; // read and write separately: a race loses an update
      counter = next;
      return next;
    } finally {
      lock.unlock();
    }
  }

  /** The sequential specification: a counter. */
  public static final class Sequential {
    private int counter;

    public int increment() {
      return ++counter;
    }
  }
}
