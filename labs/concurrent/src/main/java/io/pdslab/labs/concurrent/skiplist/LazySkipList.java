package io.pdslab.labs.concurrent.skiplist;

import io.pdslab.labs.concurrent.given.ConcurrentSet;
import io.pdslab.labs.concurrent.given.Levels;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The lazy skip list (AMP §14.3): {@code add} and {@code remove} lock the predecessors and validate
 * them; {@code remove} first marks the victim (logical removal, its linearization point) and then
 * unlinks it; {@code contains} takes no lock and only trusts nodes that are fully linked and
 * unmarked.
 *
 * @param <T> item type, compared by {@link Comparable#compareTo}
 */
public final class LazySkipList<T extends Comparable<? super T>> implements ConcurrentSet<T> {
  static final int MAX_LEVEL = Levels.MAX_LEVEL;

  /** A tower; {@code item} is null in the head and tail sentinels. */
  static final class Node<T extends Comparable<? super T>> {
    /** Volatile access to the elements of {@link #next}. */
    private static final VarHandle NEXT = MethodHandles.arrayElementVarHandle(Node[].class);

    final T item;

    /** -1 for the head sentinel, +1 for the tail sentinel, 0 for item nodes. */
    final int sentinel;

    final int topLevel;

    /**
     * One successor per level, read and written only through {@link #next(int)} and {@link
     * #setNext}: an {@code AtomicReferenceArray} would add a hop to every traversal step.
     */
    private final Node<T>[] next;

    final ReentrantLock lock = new ReentrantLock();
    volatile boolean marked;
    volatile boolean fullyLinked;

    Node(T item, int sentinel, int topLevel) {
      this.item = item;
      this.sentinel = sentinel;
      this.topLevel = topLevel;
      @SuppressWarnings("unchecked")
      Node<T>[] levels = (Node<T>[]) new Node<?>[topLevel + 1];
      this.next = levels;
    }

    /** The successor at {@code level} (a volatile read). */
    @SuppressWarnings("unchecked")
    Node<T> next(int level) {
      return (Node<T>) NEXT.getVolatile(next, level);
    }

    /** Sets the successor at {@code level} (a volatile write). */
    void setNext(int level, Node<T> succ) {
      NEXT.setVolatile(next, level, succ);
    }

    /** Sign of this node's key compared to {@code x}. */
    int compareTo(T x) {
      return sentinel != 0 ? sentinel : item.compareTo(x);
    }
  }

  private final Node<T> head = new Node<>(null, -1, MAX_LEVEL - 1);
  private final Node<T> tail = new Node<>(null, +1, MAX_LEVEL - 1);

  /** An empty set. */
  public LazySkipList() {
    for (int level = 0; level < MAX_LEVEL; level++) {
      head.setNext(level, tail);
    }
    head.fullyLinked = true;
    tail.fullyLinked = true;
  }

  @Override
  public boolean add(T item) {
    int topLevel = Levels.topLevel(item);
    @SuppressWarnings("unchecked")
    Node<T>[] preds = (Node<T>[]) new Node<?>[MAX_LEVEL];
    @SuppressWarnings("unchecked")
    Node<T>[] succs = (Node<T>[]) new Node<?>[MAX_LEVEL];
    // BEGIN SOLUTION
    // Ask first, as a TTAS lock reads before it swaps: contains() takes no lock and is the
    // cheapest search (it records nothing), so an add of an item already there costs only that;
    // only an add that will change the set looks for predecessors and locks them.
    if (contains(item)) {
      return false;
    }
    while (true) {
      int found = find(item, preds, succs);
      if (found != -1) {
        Node<T> existing = succs[found];
        if (!existing.marked) {
          while (!existing.fullyLinked) {
            Thread.onSpinWait(); // its adder is still linking it
          }
          return false;
        }
        continue; // being removed: retry until it is gone
      }
      int highestLocked = -1;
      try {
        boolean valid = true;
        for (int level = 0; valid && level <= topLevel; level++) {
          Node<T> pred = preds[level];
          Node<T> succ = succs[level];
          pred.lock.lock(); // reentrant: a node that is pred on several levels is locked each time
          highestLocked = level;
          valid = !pred.marked && !succ.marked && pred.next(level) == succ;
        }
        if (!valid) {
          continue;
        }
        Node<T> node = new Node<>(item, 0, topLevel);
        for (int level = 0; level <= topLevel; level++) {
          node.setNext(level, succs[level]);
        }
        for (int level = 0; level <= topLevel; level++) {
          preds[level].setNext(level, node);
        }
        node.fullyLinked = true; // linearization point of a successful add
        return true;
      } finally {
        unlock(preds, highestLocked);
      }
    }
    // END SOLUTION
    // STUB: throw new UnsupportedOperationException("TODO: LazySkipList.add()");
  }

  @Override
  public boolean remove(T item) {
    @SuppressWarnings("unchecked")
    Node<T>[] preds = (Node<T>[]) new Node<?>[MAX_LEVEL];
    @SuppressWarnings("unchecked")
    Node<T>[] succs = (Node<T>[]) new Node<?>[MAX_LEVEL];
    // BEGIN SOLUTION
    if (!contains(item)) {
      return false; // absent when contains() looked: nothing to lock (see add)
    }
    Node<T> victim = null;
    boolean isMarked = false;
    int topLevel = -1;
    while (true) {
      int found = find(item, preds, succs);
      if (found != -1) {
        victim = succs[found];
      }
      boolean removable =
          found != -1 && victim.fullyLinked && victim.topLevel == found && !victim.marked;
      if (!isMarked && !removable) {
        return false;
      }
      if (!isMarked) {
        topLevel = victim.topLevel;
        victim.lock.lock();
        if (victim.marked) {
          victim.lock.unlock();
          return false;
        }
        victim.marked = true; // linearization point of a successful remove
        isMarked = true;
      }
      int highestLocked = -1;
      try {
        boolean valid = true;
        for (int level = 0; valid && level <= topLevel; level++) {
          Node<T> pred = preds[level];
          pred.lock.lock();
          highestLocked = level;
          valid = !pred.marked && pred.next(level) == victim;
        }
        if (!valid) {
          continue; // keep the victim locked and marked; find its predecessors again
        }
        for (int level = topLevel; level >= 0; level--) {
          preds[level].setNext(level, victim.next(level));
        }
        victim.lock.unlock();
        return true;
      } finally {
        unlock(preds, highestLocked);
      }
    }
    // END SOLUTION
    // STUB: throw new UnsupportedOperationException("TODO: LazySkipList.remove()");
  }

  @Override
  public boolean contains(T item) {
    // BEGIN SOLUTION
    // find() without recording predecessors, down to the first level where the item shows up.
    Node<T> pred = head;
    for (int level = MAX_LEVEL - 1; level >= 0; level--) {
      Node<T> curr = pred.next(level);
      int sign;
      while ((sign = curr.compareTo(item)) < 0) {
        pred = curr;
        curr = pred.next(level);
      }
      if (sign == 0) {
        return curr.fullyLinked && !curr.marked;
      }
    }
    return false;
    // END SOLUTION
    // STUB: throw new UnsupportedOperationException("TODO: LazySkipList.contains()");
  }

  // BEGIN SOLUTION
  /**
   * Fills {@code preds[l]} and {@code succs[l]} with the nodes around {@code item} on each level
   * {@code l}, without locking; returns the highest level where {@code succs[l]} holds the item, or
   * -1.
   */
  private int find(T item, Node<T>[] preds, Node<T>[] succs) {
    int found = -1;
    Node<T> pred = head;
    for (int level = MAX_LEVEL - 1; level >= 0; level--) {
      Node<T> curr = pred.next(level);
      int sign;
      while ((sign = curr.compareTo(item)) < 0) {
        pred = curr;
        curr = pred.next(level);
      }
      if (found == -1 && sign == 0) {
        found = level;
      }
      preds[level] = pred;
      succs[level] = curr;
    }
    return found;
  }

  private static <T extends Comparable<? super T>> void unlock(Node<T>[] preds, int highestLocked) {
    for (int level = 0; level <= highestLocked; level++) {
      preds[level].lock.unlock();
    }
  }
  // END SOLUTION
}
