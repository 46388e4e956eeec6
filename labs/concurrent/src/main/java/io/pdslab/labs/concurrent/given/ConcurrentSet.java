package io.pdslab.labs.concurrent.given;

/**
 * A thread-safe set of non-null items; every method is linearizable.
 *
 * @param <T> item type
 */
public interface ConcurrentSet<T> {
  /** Adds {@code item}; returns false if it was already present. */
  boolean add(T item);

  /** Removes {@code item}; returns false if it was absent. */
  boolean remove(T item);

  /** Whether {@code item} is present. */
  boolean contains(T item);
}
