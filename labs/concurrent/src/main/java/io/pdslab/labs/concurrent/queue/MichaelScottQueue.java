package io.pdslab.labs.concurrent.queue;

import io.pdslab.labs.concurrent.given.ConcurrentQueue;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The Michael–Scott lock-free queue: a linked list with a sentinel at {@code head}; {@code tail}
 * may lag one node behind the last node, and every thread that notices the lag helps to fix it.
 *
 * @param <T> item type
 */
public final class MichaelScottQueue<T> implements ConcurrentQueue<T> {
  /** A list node; the sentinel's item is null. */
  static final class Node<T> {
    final T item;
    final AtomicReference<Node<T>> next = new AtomicReference<>();

    Node(T item) {
      this.item = item;
    }
  }

  private final AtomicReference<Node<T>> head;
  private final AtomicReference<Node<T>> tail;

  /** An empty queue: head and tail point to one sentinel node. */
  public MichaelScottQueue() {
    Node<T> sentinel = new Node<>(null);
    head = new AtomicReference<>(sentinel);
    tail = new AtomicReference<>(sentinel);
  }

  @Override
  public void enq(T item) {
    if (item == null) {
      throw new NullPointerException("item");
    }
    Node<T> node = new Node<>(item);
    // BEGIN SOLUTION
    while (true) {
      Node<T> last = tail.get();
      Node<T> next = last.next.get();
      if (last != tail.get()) {
        continue; // inconsistent snapshot
      }
      if (next == null) {
        if (last.next.compareAndSet(null, node)) {
          tail.compareAndSet(last, node); // may fail: someone helped already
          return;
        }
      } else {
        tail.compareAndSet(last, next); // help a lagging tail
      }
    }
    // END SOLUTION
    // STUB: throw new UnsupportedOperationException("TODO: MichaelScottQueue.enq()");
  }

  @Override
  public T deq() {
    // BEGIN SOLUTION
    while (true) {
      Node<T> first = head.get();
      Node<T> last = tail.get();
      Node<T> next = first.next.get();
      if (first != head.get()) {
        continue;
      }
      if (first == last) {
        if (next == null) {
          return null;
        }
        // Never let head pass tail: fix the tail first.
        tail.compareAndSet(last, next);
      } else {
        T item = next.item;
        if (head.compareAndSet(first, next)) {
          return item;
        }
      }
    }
    // END SOLUTION
    // STUB: throw new UnsupportedOperationException("TODO: MichaelScottQueue.deq()");
  }
}
