package io.pdslab.labs.concurrent.queue;

import io.pdslab.labs.concurrent.given.ConcurrentQueue;
import java.util.ArrayDeque;

/**
 * Correct but slow: a queue behind one monitor, {@code synchronized} on every method.
 *
 * @param <T> item type
 */
public final class MichaelScottQueue<T> implements ConcurrentQueue<T> {
  private final ArrayDeque<T> items = new ArrayDeque<>();

  @Override
  public synchronized void enq(T item) {
    if (item == null) {
      throw new NullPointerException("item");
    }
    items.addLast(item);
  }

  @Override
  public synchronized T deq() {
    return items.pollFirst();
  }
}
