package io.pdslab.labs.concurrent.given;

/**
 * A thread-safe LIFO stack of non-null items.
 *
 * @param <T> item type
 */
public interface ConcurrentStack<T> {
  /** Pushes {@code item}, which must not be null. */
  void push(T item);

  /** Removes and returns the most recently pushed item, or {@code null} when empty. */
  T pop();
}
