package io.pdslab.labs.concurrent.buggy;

import io.pdslab.labs.concurrent.given.ConcurrentSet;
import java.util.concurrent.atomic.AtomicMarkableReference;

/**
 * BUG: a lock-free skip list whose {@code add} links a tower top-down, the bottom level last. The
 * item is reachable through the upper levels before it is in the set (the bottom level), and a
 * concurrent {@code add} of the same key, which looks only at the bottom, adds it a second time.
 * Every tower here has two levels, so every key shows it.
 */
public final class LockFreeSkipListUpperLevelsFirst implements ConcurrentSet<Integer> {
  private static final int LEVELS = 2;

  private static final class Node {
    final int key;
    final AtomicMarkableReference<Node>[] next;

    @SuppressWarnings("unchecked")
    Node(int key) {
      this.key = key;
      next = (AtomicMarkableReference<Node>[]) new AtomicMarkableReference<?>[LEVELS];
      for (int level = 0; level < LEVELS; level++) {
        next[level] = new AtomicMarkableReference<>(null, false);
      }
    }
  }

  private final Node head = new Node(Integer.MIN_VALUE);
  private final Node tail = new Node(Integer.MAX_VALUE);

  public LockFreeSkipListUpperLevelsFirst() {
    for (int level = 0; level < LEVELS; level++) {
      head.next[level].set(tail, false);
    }
  }

  @Override
  public boolean add(Integer item) {
    Node[] preds = new Node[LEVELS];
    Node[] succs = new Node[LEVELS];
    if (find(item, preds, succs)) {
      return false;
    }
    Node node = new Node(item);
    for (int level = LEVELS - 1; level >= 0; level--) { // BUG: the bottom level must come first
      while (true) {
        node.next[level].set(succs[level], false);
        if (preds[level].next[level].compareAndSet(succs[level], node, false, false)) {
          break;
        }
        find(item, preds, succs);
      }
    }
    return true;
  }

  @Override
  public boolean remove(Integer item) {
    Node[] preds = new Node[LEVELS];
    Node[] succs = new Node[LEVELS];
    if (!find(item, preds, succs)) {
      return false;
    }
    Node victim = succs[0];
    boolean[] marked = {false};
    for (int level = LEVELS - 1; level >= 1; level--) {
      Node succ = victim.next[level].get(marked);
      while (!marked[0]) {
        victim.next[level].compareAndSet(succ, succ, false, true);
        succ = victim.next[level].get(marked);
      }
    }
    Node succ = victim.next[0].get(marked);
    while (true) {
      boolean iMarkedIt = victim.next[0].compareAndSet(succ, succ, false, true);
      succ = victim.next[0].get(marked);
      if (iMarkedIt) {
        find(item, preds, succs);
        return true;
      }
      if (marked[0]) {
        return false;
      }
    }
  }

  @Override
  public boolean contains(Integer item) {
    Node[] preds = new Node[LEVELS];
    Node[] succs = new Node[LEVELS];
    return find(item, preds, succs);
  }

  /** Fills preds and succs around {@code item}, snipping marked nodes; true if at the bottom. */
  private boolean find(int item, Node[] preds, Node[] succs) {
    boolean[] marked = {false};
    retry:
    while (true) {
      Node pred = head;
      Node curr = null;
      for (int level = LEVELS - 1; level >= 0; level--) {
        curr = pred.next[level].getReference();
        while (true) {
          Node succ = curr.next[level].get(marked);
          while (marked[0]) {
            if (!pred.next[level].compareAndSet(curr, succ, false, false)) {
              continue retry;
            }
            curr = succ;
            succ = curr.next[level].get(marked);
          }
          if (curr.key < item) {
            pred = curr;
            curr = succ;
          } else {
            break;
          }
        }
        preds[level] = pred;
        succs[level] = curr;
      }
      return curr.key == item;
    }
  }
}
