package io.pdslab.labs.concurrent.buggy;

import io.pdslab.labs.concurrent.given.ConcurrentSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * BUG: a striped hash set whose resize holds only the resizing thread's own stripe lock; an add on
 * another stripe writes into the old table while it is being copied, and the item is lost.
 */
public final class HashSetResizeWithoutAllLocks<T> implements ConcurrentSet<T> {
  private final ReentrantLock[] locks;
  private final AtomicInteger size = new AtomicInteger();
  private volatile List<T>[] table;

  public HashSetResizeWithoutAllLocks() {
    locks = new ReentrantLock[] {new ReentrantLock(), new ReentrantLock()};
    table = newTable(2);
  }

  @Override
  public boolean add(T item) {
    int h = hash(item);
    ReentrantLock lock = locks[h % locks.length];
    lock.lock();
    try {
      List<T> bucket = table[h % table.length];
      if (bucket.contains(item)) {
        return false;
      }
      bucket.add(item);
      if (size.incrementAndGet() > table.length) {
        resize(); // BUG: only our own stripe is locked
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public boolean remove(T item) {
    int h = hash(item);
    ReentrantLock lock = locks[h % locks.length];
    lock.lock();
    try {
      boolean removed = table[h % table.length].remove(item);
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
    ReentrantLock lock = locks[h % locks.length];
    lock.lock();
    try {
      return table[h % table.length].contains(item);
    } finally {
      lock.unlock();
    }
  }

  private void resize() {
    List<T>[] old = table;
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
