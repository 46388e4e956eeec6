package io.pdslab.labs.concurrent.hashset;

import io.pdslab.labs.concurrent.given.ConcurrentSet;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Hash set with lock striping (AMP §13.2.2): a fixed array of locks guards a growing array of
 * buckets; bucket {@code b} is guarded by lock {@code b % stripes.length}, which stays correct when
 * the table doubles. Sizes are powers of two, so that a bucket index is a mask rather than a
 * division (tens of cycles). Resizing takes every lock, in index order so two resizers cannot
 * deadlock.
 *
 * <p>Three refinements make it scale like {@code ConcurrentHashMap} on a read-mostly load. Buckets
 * are immutable lists: {@code add} and {@code remove} replace a bucket's list under its lock, so
 * {@code contains} reads the current bucket without any lock, and writes nothing that another core
 * must then fetch back. An {@code add} of an item already there and a {@code remove} of one that is
 * not change nothing, so they too answer from that lock-free read, as {@code ConcurrentHashMap}
 * does: taking a lock writes a line that the other cores must then fetch back. And each stripe
 * counts its own items, so no counter is shared by every update: a stripe whose buckets hold more
 * than {@code maxLoad} items on average doubles the table.
 *
 * @param <T> item type; items must have consistent {@code hashCode} and {@code equals}
 */
public final class StripedHashSet<T> implements ConcurrentSet<T> {
  /** Default load factor: resize when the average bucket holds more than this many items. */
  static final int MAX_LOAD = 1;

  /** Release/acquire access to the table's buckets, for {@code contains} that takes no lock. */
  private static final VarHandle BUCKET = MethodHandles.arrayElementVarHandle(Entry[].class);

  /**
   * A node of a bucket's list, never modified once published: a bucket changes by a new list that
   * shares what it can of the old one. The hash is kept so that a lookup compares an item only when
   * the hashes are equal, without fetching the items of other hashes from memory.
   */
  private static final class Entry {
    final int hash;
    final Object item;
    final Entry next;

    Entry(int hash, Object item, Entry next) {
      this.hash = hash;
      this.item = item;
      this.next = next;
    }
  }

  /** A lock and the number of items in the buckets it guards, counted while holding it. */
  private static final class Stripe extends ReentrantLock {
    int size;
  }

  private final int maxLoad;
  private final Stripe[] stripes;

  /**
   * Buckets: each the first entry of its list, or null. Written only while holding every lock;
   * volatile so that {@code contains}, which takes none, sees a new table.
   */
  private volatile Entry[] table;

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
    table = new Entry[size];
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
    if (find(bucket(table, hash), hash, item) != null) {
      return false; // already there when the bucket was read: linearized there, as contains is
    }
    Stripe stripe = stripeFor(hash);
    int capacity;
    boolean overloaded;
    stripe.lock();
    try {
      Entry[] t = table;
      Entry bucket = bucket(t, hash);
      if (find(bucket, hash, item) != null) {
        return false;
      }
      publish(t, hash, new Entry(hash, item, bucket));
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
    if (find(bucket(table, hash), hash, item) == null) {
      return false; // absent when the bucket was read: linearized there, as contains is
    }
    Stripe stripe = stripeFor(hash);
    stripe.lock();
    try {
      Entry[] t = table;
      Entry bucket = bucket(t, hash);
      Entry victim = find(bucket, hash, item);
      if (victim == null) {
        return false;
      }
      publish(t, hash, without(bucket, victim));
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
    return find(bucket(table, hash), hash, item) != null;
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
      Entry[] old = table;
      if (old.length != oldCapacity) {
        return;
      }
      // Bucket i splits into buckets i and i + oldCapacity of the doubled table. The old lists
      // stay as they are: contains may still be reading them.
      Entry[] bigger = new Entry[2 * oldCapacity];
      for (int i = 0; i < oldCapacity; i++) {
        for (Entry e = old[i]; e != null; e = e.next) {
          int b = hash(e.item) & (bigger.length - 1);
          bigger[b] = new Entry(e.hash, e.item, bigger[b]);
        }
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
  /**
   * The list {@code bucket} without {@code victim}, one of its entries: the entries before the
   * victim are copied, the ones after it are shared.
   */
  private static Entry without(Entry bucket, Entry victim) {
    int before = 0;
    for (Entry e = bucket; e != victim; e = e.next) {
      before++;
    }
    Entry[] copied = new Entry[before];
    Entry e = bucket;
    for (int i = 0; i < before; i++, e = e.next) {
      copied[i] = e;
    }
    Entry rest = victim.next;
    for (int i = before - 1; i >= 0; i--) {
      rest = new Entry(copied[i].hash, copied[i].item, rest);
    }
    return rest;
  }

  // END SOLUTION

  /** The lock guarding every bucket this hash can map to, whatever the table size. */
  private Stripe stripeFor(int hash) {
    return stripes[hash & (stripes.length - 1)];
  }

  /**
   * The bucket of {@code hash} in table {@code t}, read with acquire semantics: the entries of a
   * list published by {@link #publish} are visible to a reader without a lock.
   */
  private static Entry bucket(Entry[] t, int hash) {
    return (Entry) BUCKET.getAcquire(t, hash & (t.length - 1));
  }

  /**
   * Replaces the bucket of {@code hash} in table {@code t} with the list {@code bucket}, whose new
   * entries are never modified afterwards; call only while holding {@link #stripeFor(int) its
   * lock}.
   */
  private static void publish(Entry[] t, int hash, Entry bucket) {
    BUCKET.setRelease(t, hash & (t.length - 1), bucket);
  }

  /** The entry of {@code bucket} holding an item equal to {@code item} of hash {@code hash}. */
  private static Entry find(Entry bucket, int hash, Object item) {
    for (Entry e = bucket; e != null; e = e.next) {
      if (e.hash == hash && item.equals(e.item)) {
        return e;
      }
    }
    return null;
  }

  /**
   * A non-negative hash whose low bits, the ones a power-of-two table uses, also depend on the high
   * bits of {@code hashCode} (as in {@code HashMap}); consecutive keys keep distinct buckets.
   */
  private static int hash(Object item) {
    int h = item.hashCode();
    return (h ^ (h >>> 16)) & 0x7fffffff;
  }
}
