package io.pdslab.labs.concurrent.given;

/**
 * A thread-safe FIFO queue of non-null items.
 *
 * @param <T> item type
 */
public interface ConcurrentQueue<T> {
  /** Appends {@code item}, which must not be null, at the tail. */
  void enq(T item);

  /** Removes and returns the item at the head, or {@code null} when empty. */
  T deq();
}
