package io.pdslab.labs.concurrent.hashset;

import io.pdslab.labs.concurrent.given.ConcurrentSet;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Hash set with lock striping (AMP §13.2.2): a fixed array of locks guards a growing array of
 * buckets; bucket {@code b} is guarded by lock {@code b % stripes.length}, which stays correct when
 * the table doubles. Sizes are powers of two, so that a bucket index is a mask rather than a
 * division (tens of cycles). Resizing takes every lock, in index order so two resizers cannot
 * deadlock.
 *
 * <p>Two refinements make it scale like {@code ConcurrentHashMap} on a read-mostly load. Buckets
 * are immutable arrays: {@code add} and {@code remove} replace a bucket with a new array under its
 * lock, so {@code contains} reads the current bucket without any lock, and writes nothing that
 * another core must then fetch back. And each stripe counts its own items, so no counter is shared
 * by every update: a stripe whose buckets hold more than {@code maxLoad} items on average doubles
 * the table.
 *
 * @param <T> item type; items must have consistent {@code hashCode} and {@code equals}
 */
public final class StripedHashSet<T> implements ConcurrentSet<T> {
  /** Default load factor: resize when the average bucket holds more than this many items. */
  static final int MAX_LOAD = 1;

  /** Release/acquire access to the table's buckets, for {@code contains} that takes no lock. */
  private static final VarHandle BUCKET = MethodHandles.arrayElementVarHandle(Object[][].class);

  private static final Object[] EMPTY = {};

  /** A lock and the number of items in the buckets it guards, counted while holding it. */
  private static final class Stripe extends ReentrantLock {
    int size;
  }

  private final int maxLoad;
  private final Stripe[] stripes;

  /**
   * Buckets; a bucket array is never modified once stored, only replaced. Written only while
   * holding every lock; volatile so that {@code contains}, which takes none, sees a new table.
   */
  private volatile Object[][] table;

  /**
   * A set with 128 buckets and 128 locks: few enough to lock them all for a resize, enough that two
   * threads rarely want the same one (a blocked thread parks, and a park costs microseconds).
   */
  public StripedHashSet() {
    this(128);
  }

  /** A set with {@code capacity} buckets and as many locks, rounded up to a power of two. */
  public StripedHashSet(int capacity) {
    this(capacity, MAX_LOAD);
  }

  /**
   * A set with {@code capacity} buckets and as many locks, rounded up to a power of two, that
   * doubles its table when the buckets of a stripe hold more than {@code maxLoad} items on average.
   */
  public StripedHashSet(int capacity, int maxLoad) {
    if (capacity < 1 || maxLoad < 1) {
      throw new IllegalArgumentException("capacity and maxLoad must be >= 1");
    }
    this.maxLoad = maxLoad;
    int size = capacity == 1 ? 1 : Integer.highestOneBit(capacity - 1) << 1;
    stripes = new Stripe[size];
    for (int i = 0; i < size; i++) {
      stripes[i] = new Stripe();
    }
    Object[][] t = new Object[size][];
    Arrays.fill(t, EMPTY);
    table = t;
  }

  /** The number of items; exact when no update is in progress. */
  public int size() {
    int size = 0;
    for (Stripe stripe : stripes) {
      stripe.lock();
      try {
        size += stripe.size;
      } finally {
        stripe.unlock();
      }
    }
    return size;
  }

  /** The number of buckets; grows as items are added. */
  public int capacity() {
    return table.length;
  }

  @Override
  public boolean add(T item) {
    int hash = hash(item);
    // BEGIN SOLUTION
    Stripe stripe = stripeFor(hash);
    int capacity;
    boolean overloaded;
    stripe.lock();
    try {
      Object[][] t = table;
      Object[] bucket = bucket(t, hash);
      if (indexOf(bucket, item) >= 0) {
        return false;
      }
      Object[] grown = Arrays.copyOf(bucket, bucket.length + 1);
      grown[bucket.length] = item;
      publish(t, hash, grown);
      stripe.size++;
      capacity = t.length;
      overloaded = stripe.size > (long) maxLoad * (capacity / stripes.length);
    } finally {
      stripe.unlock();
    }
    if (overloaded) {
      resize(capacity);
    }
    return true;
    // END SOLUTION
    // STUB: throw new UnsupportedOperationException("TODO: StripedHashSet.add()");
  }

  @Override
  public boolean remove(T item) {
    int hash = hash(item);
    // BEGIN SOLUTION
    Stripe stripe = stripeFor(hash);
    stripe.lock();
    try {
      Object[][] t = table;
      Object[] bucket = bucket(t, hash);
      int i = indexOf(bucket, item);
      if (i < 0) {
        return false;
      }
      Object[] shrunk = bucket.length == 1 ? EMPTY : new Object[bucket.length - 1];
      System.arraycopy(bucket, 0, shrunk, 0, i);
      System.arraycopy(bucket, i + 1, shrunk, i, bucket.length - i - 1);
      publish(t, hash, shrunk);
      stripe.size--;
      return true;
    } finally {
      stripe.unlock();
    }
    // END SOLUTION
    // STUB: throw new UnsupportedOperationException("TODO: StripedHashSet.remove()");
  }

  @Override
  public boolean contains(T item) {
    int hash = hash(item);
    // BEGIN SOLUTION
    // No lock: the bucket read is the linearization point. If a resize replaces the table between
    // the two reads, the old bucket is frozen as it was at the resize, a moment inside this call.
    return indexOf(bucket(table, hash), item) >= 0;
    // END SOLUTION
    // STUB: throw new UnsupportedOperationException("TODO: StripedHashSet.contains()");
  }

  /** Doubles the table unless another thread already did since it was {@code oldCapacity}. */
  private void resize(int oldCapacity) {
    // BEGIN SOLUTION
    for (Stripe stripe : stripes) {
      stripe.lock();
    }
    try {
      Object[][] old = table;
      if (old.length != oldCapacity) {
        return;
      }
      // Bucket i splits into buckets i and i + oldCapacity of the doubled table.
      Object[][] bigger = new Object[2 * oldCapacity][];
      for (int i = 0; i < oldCapacity; i++) {
        Object[] bucket = old[i];
        Object[] low = new Object[bucket.length];
        Object[] high = new Object[bucket.length];
        int lows = 0;
        int highs = 0;
        for (Object item : bucket) {
          if ((hash(item) & oldCapacity) != 0) {
            high[highs++] = item;
          } else {
            low[lows++] = item;
          }
        }
        bigger[i] = trimmed(low, lows);
        bigger[i + oldCapacity] = trimmed(high, highs);
      }
      table = bigger;
    } finally {
      for (int i = stripes.length - 1; i >= 0; i--) {
        stripes[i].unlock();
      }
    }
    // END SOLUTION
    // STUB: throw new UnsupportedOperationException("TODO: StripedHashSet.resize()");
  }

  // BEGIN SOLUTION
  /** The first {@code n} items of {@code items}, as a bucket. */
  private static Object[] trimmed(Object[] items, int n) {
    return n == 0 ? EMPTY : Arrays.copyOf(items, n);
  }

  // END SOLUTION

  /** The lock guarding every bucket this hash can map to, whatever the table size. */
  private Stripe stripeFor(int hash) {
    return stripes[hash & (stripes.length - 1)];
  }

  /**
   * The bucket of {@code hash} in table {@code t}, read with acquire semantics: the items of a
   * bucket published by {@link #publish} are visible to a reader without a lock.
   */
  private static Object[] bucket(Object[][] t, int hash) {
    return (Object[]) BUCKET.getAcquire(t, hash & (t.length - 1));
  }

  /**
   * Replaces the bucket of {@code hash} in table {@code t} with {@code bucket}, a new array never
   * modified afterwards; call only while holding {@link #stripeFor(int) its lock}.
   */
  private static void publish(Object[][] t, int hash, Object[] bucket) {
    BUCKET.setRelease(t, hash & (t.length - 1), bucket);
  }

  /** The index of an item equal to {@code item} in {@code bucket}, or -1. */
  private static int indexOf(Object[] bucket, Object item) {
    for (int i = 0; i < bucket.length; i++) {
      if (item.equals(bucket[i])) {
        return i;
      }
    }
    return -1;
  }

  /** A non-negative, well-mixed hash: spreads high bits so patterned keys fill all buckets. */
  private static int hash(Object item) {
    int h = item.hashCode();
    h ^= h >>> 16;
    h *= 0x45d9f3b;
    h ^= h >>> 16;
    return h & 0x7fffffff;
  }
}
