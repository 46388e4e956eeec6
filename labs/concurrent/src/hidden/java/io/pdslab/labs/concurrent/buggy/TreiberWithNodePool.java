package io.pdslab.labs.concurrent.buggy;

import io.pdslab.labs.concurrent.given.ConcurrentStack;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;

/**
 * BUG: a Treiber stack that saves allocations by recycling popped nodes through a pool. A pop that
 * read {@code top} and {@code top.next} and was preempted can find the same node on top again,
 * reused for another item, and its compare-and-set succeeds with a stale {@code next} (ABA).
 */
public final class TreiberWithNodePool<T> implements ConcurrentStack<T> {
  private static final class Node<T> {
    T item;
    Node<T> next;
  }

  private final AtomicReference<Node<T>> top = new AtomicReference<>();
  private final ConcurrentLinkedQueue<Node<T>> pool = new ConcurrentLinkedQueue<>();

  @Override
  public void push(T item) {
    Node<T> node = pool.poll();
    if (node == null) {
      node = new Node<>();
    }
    node.item = item;
    while (true) {
      Node<T> oldTop = top.get();
      node.next = oldTop;
      if (top.compareAndSet(oldTop, node)) {
        return;
      }
    }
  }

  @Override
  public T pop() {
    while (true) {
      Node<T> oldTop = top.get();
      if (oldTop == null) {
        return null;
      }
      Node<T> next = oldTop.next;
      T item = oldTop.item;
      if (top.compareAndSet(oldTop, next)) {
        pool.add(oldTop); // BUG: another thread may still hold a reference to it
        return item;
      }
    }
  }
}
