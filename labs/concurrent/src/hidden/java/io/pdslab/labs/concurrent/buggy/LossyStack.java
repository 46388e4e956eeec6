package io.pdslab.labs.concurrent.buggy;

import io.pdslab.labs.concurrent.given.ConcurrentStack;
import java.util.concurrent.atomic.AtomicReference;

/** BUG: push reads and writes {@code top} separately, so concurrent pushes overwrite each other. */
public final class LossyStack<T> implements ConcurrentStack<T> {
  private record Node<T>(T item, Node<T> next) {}

  private final AtomicReference<Node<T>> top = new AtomicReference<>();

  @Override
  public void push(T item) {
    top.set(new Node<>(item, top.get()));
  }

  @Override
  public T pop() {
    while (true) {
      Node<T> old = top.get();
      if (old == null) {
        return null;
      }
      if (top.compareAndSet(old, old.next())) {
        return old.item();
      }
    }
  }
}
