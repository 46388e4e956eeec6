package io.pdslab.labs.concurrent.buggy;

import io.pdslab.labs.concurrent.given.ConcurrentSet;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One level of a lazy skip list (a lazy list) with one of the bugs students write, chosen by {@link
 * Bug}. As in the skip list, {@code remove} marks the victim (its linearization point) before it
 * unlinks it, and answers false at once for a node that is already marked.
 */
public final class BuggyLazyList implements ConcurrentSet<Integer> {
  /** The bug. */
  public enum Bug {
    /**
     * Add and remove lock the predecessor and the current node but never validate that the
     * predecessor is still unmarked and still points to the current node: an add can link a node
     * after a removed predecessor and be lost.
     */
    NO_VALIDATION,
    /**
     * Contains trusts any node it reaches, marked or not: between a remove's mark and its unlink it
     * answers "present" for an item that is already gone.
     */
    CONTAINS_IGNORES_MARK
  }

  private static final class Node {
    final int key;
    volatile Node next;
    volatile boolean marked;
    final ReentrantLock lock = new ReentrantLock();

    Node(int key, Node next) {
      this.key = key;
      this.next = next;
    }
  }

  private final Bug bug;
  private final Node head = new Node(Integer.MIN_VALUE, new Node(Integer.MAX_VALUE, null));

  public BuggyLazyList(Bug bug) {
    this.bug = bug;
  }

  @Override
  public boolean add(Integer item) {
    while (true) {
      Node pred = head;
      Node curr = pred.next;
      while (curr.key < item) {
        pred = curr;
        curr = curr.next;
      }
      pred.lock.lock();
      curr.lock.lock();
      try {
        if (!valid(pred, curr)) {
          continue;
        }
        if (curr.key == item) {
          return false;
        }
        pred.next = new Node(item, curr);
        return true;
      } finally {
        curr.lock.unlock();
        pred.lock.unlock();
      }
    }
  }

  @Override
  public boolean remove(Integer item) {
    while (true) {
      Node pred = head;
      Node curr = pred.next;
      while (curr.key < item) {
        pred = curr;
        curr = curr.next;
      }
      if (curr.key != item || curr.marked) {
        return false; // absent, or another remove has marked it: that one wins
      }
      pred.lock.lock();
      curr.lock.lock();
      try {
        if (!valid(pred, curr)) {
          continue;
        }
        curr.marked = true;
        pred.next = curr.next;
        return true;
      } finally {
        curr.lock.unlock();
        pred.lock.unlock();
      }
    }
  }

  @Override
  public boolean contains(Integer item) {
    Node curr = head;
    while (curr.key < item) {
      curr = curr.next;
    }
    return curr.key == item && (bug == Bug.CONTAINS_IGNORES_MARK || !curr.marked);
  }

  private boolean valid(Node pred, Node curr) {
    return bug == Bug.NO_VALIDATION || (!pred.marked && !curr.marked && pred.next == curr);
  }
}
