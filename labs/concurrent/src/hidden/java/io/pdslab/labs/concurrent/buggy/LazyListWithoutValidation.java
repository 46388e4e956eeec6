package io.pdslab.labs.concurrent.buggy;

import io.pdslab.labs.concurrent.given.ConcurrentSet;
import java.util.concurrent.locks.ReentrantLock;

/**
 * BUG: one level of a lazy skip list (a lazy list) whose add and remove lock the predecessor and
 * the current node but never validate that the predecessor is still unmarked and still points to
 * the current node; an add can link a node after a removed predecessor and be lost.
 */
public final class LazyListWithoutValidation implements ConcurrentSet<Integer> {
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

  private final Node head = new Node(Integer.MIN_VALUE, new Node(Integer.MAX_VALUE, null));

  @Override
  public boolean add(Integer item) {
    Node pred = head;
    Node curr = pred.next;
    while (curr.key < item) {
      pred = curr;
      curr = curr.next;
    }
    pred.lock.lock();
    curr.lock.lock();
    try {
      // BUG: no check that !pred.marked && !curr.marked && pred.next == curr
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

  @Override
  public boolean remove(Integer item) {
    Node pred = head;
    Node curr = pred.next;
    while (curr.key < item) {
      pred = curr;
      curr = curr.next;
    }
    pred.lock.lock();
    curr.lock.lock();
    try {
      if (curr.key != item) {
        return false;
      }
      curr.marked = true;
      pred.next = curr.next;
      return true;
    } finally {
      curr.lock.unlock();
      pred.lock.unlock();
    }
  }

  @Override
  public boolean contains(Integer item) {
    Node curr = head;
    while (curr.key < item) {
      curr = curr.next;
    }
    return curr.key == item && !curr.marked;
  }
}
