package io.pdslab.labs.concurrent.buggy;

import io.pdslab.labs.concurrent.given.ConcurrentSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/** A striped hash set with one of the bugs students write, chosen by {@link Bug}. */
public final class BuggyStripedHashSet<T> implements ConcurrentSet<T> {
  /** The bug. */
  public enum Bug {
    /**
     * Resize holds only the resizing thread's own stripe lock; an add on another stripe writes into
     * the old table while it is being copied, and the item is lost.
     */
    RESIZE_WITHOUT_ALL_LOCKS,
    /**
     * Resize reads the table before taking the locks and does not check, once it holds them, that
     * nobody resized meanwhile: when two resizes overlap, the second copies a stale table and loses
     * what was added to the first one's.
     */
    STALE_TABLE_IN_RESIZE,
    /** Every operation takes lock 0: correct, but one global lock serialises the whole set. */
    ONE_GLOBAL_LOCK
  }

  private final Bug bug;
  private final int maxLoad;
  private final ReentrantLock[] locks;
  private final AtomicInteger size = new AtomicInteger();
  private volatile List<T>[] table;

  /** A set with {@code capacity} buckets and locks, resizing above {@code maxLoad} per bucket. */
  public BuggyStripedHashSet(Bug bug, int capacity, int maxLoad) {
    this.bug = bug;
    this.maxLoad = maxLoad;
    locks = new ReentrantLock[capacity];
    for (int i = 0; i < capacity; i++) {
      locks[i] = new ReentrantLock();
    }
    table = newTable(capacity);
  }

  @Override
  public boolean add(T item) {
    int h = hash(item);
    ReentrantLock lock = lockFor(h);
    boolean added;
    List<T>[] seen;
    lock.lock();
    try {
      seen = table;
      List<T> bucket = seen[h % seen.length];
      added = !bucket.contains(item) && bucket.add(item);
      if (added) {
        size.incrementAndGet();
      }
      if (added && bug == Bug.RESIZE_WITHOUT_ALL_LOCKS && size.get() > maxLoad * table.length) {
        resize(seen); // BUG: only our own stripe is locked
        return true;
      }
    } finally {
      lock.unlock();
    }
    if (added && bug != Bug.RESIZE_WITHOUT_ALL_LOCKS && size.get() > maxLoad * seen.length) {
      if (bug == Bug.STALE_TABLE_IN_RESIZE) {
        resizeHoldingAllLocks(seen); // BUG: `seen` may be stale once we hold the locks
      } else {
        resizeHoldingAllLocks(null);
      }
    }
    return added;
  }

  @Override
  public boolean remove(T item) {
    int h = hash(item);
    ReentrantLock lock = lockFor(h);
    lock.lock();
    try {
      List<T>[] t = table;
      boolean removed = t[h % t.length].remove(item);
      if (removed) {
        size.decrementAndGet();
      }
      return removed;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public boolean contains(T item) {
    int h = hash(item);
    ReentrantLock lock = lockFor(h);
    lock.lock();
    try {
      List<T>[] t = table;
      return t[h % t.length].contains(item);
    } finally {
      lock.unlock();
    }
  }

  private ReentrantLock lockFor(int hash) {
    return bug == Bug.ONE_GLOBAL_LOCK ? locks[0] : locks[hash % locks.length];
  }

  /** With {@code stale == null}, re-reads the table once it holds every lock (correct). */
  private void resizeHoldingAllLocks(List<T>[] stale) {
    int oldCapacity = table.length;
    for (ReentrantLock l : locks) {
      l.lock();
    }
    try {
      if (stale == null && table.length != oldCapacity) {
        return;
      }
      resize(stale != null ? stale : table);
    } finally {
      for (ReentrantLock l : locks) {
        l.unlock();
      }
    }
  }

  private void resize(List<T>[] old) {
    List<T>[] bigger = newTable(2 * old.length);
    for (List<T> bucket : old) {
      for (T item : bucket) {
        bigger[hash(item) % bigger.length].add(item);
      }
    }
    table = bigger;
  }

  private static int hash(Object item) {
    return item.hashCode() & 0x7fffffff;
  }

  @SuppressWarnings("unchecked")
  private static <T> List<T>[] newTable(int capacity) {
    List<T>[] t = (List<T>[]) new List<?>[capacity];
    for (int i = 0; i < capacity; i++) {
      t[i] = new ArrayList<>();
    }
    return t;
  }
}
