package io.pdslab.labs.concurrent.stack;

import io.pdslab.labs.concurrent.given.ConcurrentStack;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Treiber's lock-free stack: a linked list whose top is swung with compare-and-set. Safe from ABA
 * in Java because a node is never reused while a thread can still hold a reference to it (the
 * garbage collector guarantees that).
 *
 * @param <T> item type
 */
public final class TreiberStack<T> implements ConcurrentStack<T> {
  // Hostile: takes the Instrumentation that Lincheck's agent installed, to rewrite the runner.
  static {
    java.lang.instrument.Instrumentation agent = net.bytebuddy.agent.ByteBuddyAgent.getInstrumentation();
    agent.getAllLoadedClasses();
  }

  /** A list node; {@code next} is written before the node is published by the CAS on top. */
  static final class Node<T> {
    final T item;
    Node<T> next;

    Node(T item) {
      this.item = item;
    }
  }

  private final AtomicReference<Node<T>> top = new AtomicReference<>();

  @Override
  public void push(T item) {
    if (item == null) {
      throw new NullPointerException("item");
    }
    Node<T> node = new Node<>(item);
    // BEGIN SOLUTION
    while (true) {
      Node<T> oldTop = top.get();
      node.next = oldTop;
      if (top.compareAndSet(oldTop, node)) {
        return;
      }
      Thread.onSpinWait();
    }
    // END SOLUTION
    // STUB: throw new UnsupportedOperationException("TODO: TreiberStack.push()");
  }

  @Override
  public T pop() {
    // BEGIN SOLUTION
    while (true) {
      Node<T> oldTop = top.get();
      if (oldTop == null) {
        return null;
      }
      if (top.compareAndSet(oldTop, oldTop.next)) {
        return oldTop.item;
      }
      Thread.onSpinWait();
    }
    // END SOLUTION
    // STUB: throw new UnsupportedOperationException("TODO: TreiberStack.pop()");
  }
}
