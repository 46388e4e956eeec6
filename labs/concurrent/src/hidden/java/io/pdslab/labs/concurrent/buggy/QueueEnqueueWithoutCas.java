package io.pdslab.labs.concurrent.buggy;

import io.pdslab.labs.concurrent.given.ConcurrentQueue;
import java.util.concurrent.atomic.AtomicReference;

/**
 * BUG: a Michael–Scott queue whose enqueue links the new node with a plain {@code set} after
 * checking that {@code tail.next} is null; two enqueuers can both see null and one node is lost.
 */
public final class QueueEnqueueWithoutCas<T> implements ConcurrentQueue<T> {
  private static final class Node<T> {
    final T item;
    final AtomicReference<Node<T>> next = new AtomicReference<>();

    Node(T item) {
      this.item = item;
    }
  }

  private final AtomicReference<Node<T>> head;
  private final AtomicReference<Node<T>> tail;

  public QueueEnqueueWithoutCas() {
    Node<T> sentinel = new Node<>(null);
    head = new AtomicReference<>(sentinel);
    tail = new AtomicReference<>(sentinel);
  }

  @Override
  public void enq(T item) {
    Node<T> node = new Node<>(item);
    while (true) {
      Node<T> last = tail.get();
      Node<T> next = last.next.get();
      if (next == null) {
        last.next.set(node); // should be compareAndSet(null, node)
        tail.compareAndSet(last, node);
        return;
      }
      tail.compareAndSet(last, next);
    }
  }

  @Override
  public T deq() {
    while (true) {
      Node<T> first = head.get();
      Node<T> last = tail.get();
      Node<T> next = first.next.get();
      if (first == last) {
        if (next == null) {
          return null;
        }
        tail.compareAndSet(last, next);
      } else if (head.compareAndSet(first, next)) {
        return next.item;
      }
    }
  }
}
