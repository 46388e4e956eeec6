package io.pdslab.labs.concurrent.skiplist;

import io.pdslab.labs.concurrent.given.Levels;
import io.pdslab.labs.concurrent.given.ConcurrentSet;
import java.util.concurrent.atomic.AtomicMarkableReference;

/**
 * The lock-free skip list (AMP §14.4): each level is a Harris-style lock-free list whose next
 * references carry a "deleted" mark. The bottom level is the set; upper levels are shortcuts.
 * {@code remove} marks the tower top-down and its bottom mark is the linearization point; {@code
 * find} physically snips marked nodes; {@code contains} is wait-free and snips nothing.
 *
 * @param <T> item type, compared by {@link Comparable#compareTo}
 */
public final class LockFreeSkipList<T extends Comparable<? super T>> implements ConcurrentSet<T> {
  static final int MAX_LEVEL = Levels.MAX_LEVEL;

  /** A tower; {@code item} is null in the head and tail sentinels. */
  static final class Node<T extends Comparable<? super T>> {
    final T item;

    /** -1 for the head sentinel, +1 for the tail sentinel, 0 for item nodes. */
    final int sentinel;

    final int topLevel;
    final AtomicMarkableReference<Node<T>>[] next;

    @SuppressWarnings("unchecked")
    Node(T item, int sentinel, int topLevel) {
      this.item = item;
      this.sentinel = sentinel;
      this.topLevel = topLevel;
      this.next = (AtomicMarkableReference<Node<T>>[]) new AtomicMarkableReference<?>[topLevel + 1];
      for (int level = 0; level <= topLevel; level++) {
        next[level] = new AtomicMarkableReference<>(null, false);
      }
    }

    /** Sign of this node's key compared to {@code x}. */
    int compareTo(T x) {
      return sentinel != 0 ? sentinel : item.compareTo(x);
    }
  }

  private final Node<T> head = new Node<>(null, -1, MAX_LEVEL - 1);
  private final Node<T> tail = new Node<>(null, +1, MAX_LEVEL - 1);

  /** An empty set. */
  public LockFreeSkipList() {
    for (int level = 0; level < MAX_LEVEL; level++) {
      head.next[level].set(tail, false);
    }
  }

  @Override
  public boolean add(T item) {
    int topLevel = Levels.topLevel(item);
    @SuppressWarnings("unchecked")
    Node<T>[] preds = (Node<T>[]) new Node<?>[MAX_LEVEL];
    @SuppressWarnings("unchecked")
    Node<T>[] succs = (Node<T>[]) new Node<?>[MAX_LEVEL];
    while (true) {
      if (find(item, preds, succs)) {
        return false;
      }
      Node<T> node = new Node<>(item, 0, topLevel);
      for (int level = 0; level <= topLevel; level++) {
        node.next[level].set(succs[level], false);
      }
      if (!preds[0].next[0].compareAndSet(succs[0], node, false, false)) {
        continue;
      }
      // Linked at the bottom: the item is in the set. Now build the shortcuts.
      for (int level = 1; level <= topLevel; level++) {
        while (true) {
          Node<T> succ = succs[level];
          Node<T> current = node.next[level].getReference();
          // Point our own link at the fresh successor; fails only if a remover marked it.
          if (current != succ && !node.next[level].compareAndSet(current, succ, false, false)) {
            return true;
          }
          if (node.next[level].isMarked()) {
            return true;
          }
          if (preds[level].next[level].compareAndSet(succ, node, false, false)) {
            break;
          }
          find(item, preds, succs);
        }
      }
      return true;
    }
  }

  @Override
  public boolean remove(T item) {
    @SuppressWarnings("unchecked")
    Node<T>[] preds = (Node<T>[]) new Node<?>[MAX_LEVEL];
    @SuppressWarnings("unchecked")
    Node<T>[] succs = (Node<T>[]) new Node<?>[MAX_LEVEL];
    if (!find(item, preds, succs)) {
      return false;
    }
    Node<T> victim = succs[0];
    boolean[] marked = {false};
    for (int level = victim.topLevel; level >= 1; level--) {
      Node<T> succ = victim.next[level].get(marked);
      while (!marked[0]) {
        victim.next[level].compareAndSet(succ, succ, false, true);
        succ = victim.next[level].get(marked);
      }
    }
    Node<T> succ = victim.next[0].get(marked);
    while (true) {
      boolean iMarkedIt = victim.next[0].compareAndSet(succ, succ, false, true);
      succ = victim.next[0].get(marked);
      if (iMarkedIt) {
        find(item, preds, succs); // snip it physically
        return true;
      }
      // BUG: no "another remover won" exit: when two removes race, the loser spins forever.
    }
  }

  @Override
  public boolean contains(T item) {
    boolean[] marked = {false};
    Node<T> pred = head;
    Node<T> curr = null;
    for (int level = MAX_LEVEL - 1; level >= 0; level--) {
      curr = pred.next[level].getReference();
      while (true) {
        Node<T> succ = curr.next[level].get(marked);
        while (marked[0]) {
          curr = succ;
          succ = curr.next[level].get(marked);
        }
        if (curr.compareTo(item) < 0) {
          pred = curr;
          curr = succ;
        } else {
          break;
        }
      }
    }
    return curr.compareTo(item) == 0;
  }

  /**
   * Fills {@code preds} and {@code succs} around {@code item} on every level, snipping marked nodes
   * on the way; returns whether the bottom-level successor holds the item.
   */
  private boolean find(T item, Node<T>[] preds, Node<T>[] succs) {
    boolean[] marked = {false};
    retry:
    while (true) {
      Node<T> pred = head;
      Node<T> curr = null;
      for (int level = MAX_LEVEL - 1; level >= 0; level--) {
        curr = pred.next[level].getReference();
        while (true) {
          Node<T> succ = curr.next[level].get(marked);
          while (marked[0]) {
            if (!pred.next[level].compareAndSet(curr, succ, false, false)) {
              continue retry;
            }
            curr = succ;
            succ = curr.next[level].get(marked);
          }
          if (curr.compareTo(item) < 0) {
            pred = curr;
            curr = succ;
          } else {
            break;
          }
        }
        preds[level] = pred;
        succs[level] = curr;
      }
      return curr.compareTo(item) == 0;
    }
  }
}
