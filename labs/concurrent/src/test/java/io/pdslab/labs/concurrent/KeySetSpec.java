package io.pdslab.labs.concurrent;

import io.pdslab.labs.concurrent.given.ConcurrentSet;
import org.jetbrains.lincheck.datastructures.Operation;

/**
 * Lincheck operations over a {@link ConcurrentSet} of {@link Key}s, a key class of the tests' own,
 * for hand-written scenarios; subclasses say which set. The sequential specification is {@link
 * SetSpec.Sequential}.
 *
 * <p>Why not {@code Integer}: measured with Lincheck 3.7 on the lock-free skip list, the model
 * checker never preempted a {@code remove} of an {@code Integer} key between its search and its
 * marking CAS (20,000 invocations of two racing removes explored no such interleaving: a remove
 * that spins forever, or answers {@code true}, once another remove marked its node passed), while
 * with keys of this class, whose code Lincheck instruments, it finds that interleaving within a few
 * hundred invocations.
 */
public abstract class KeySetSpec {
  private final ConcurrentSet<Key> set = newSet();

  /** The implementation under test. */
  protected abstract ConcurrentSet<Key> newSet();

  @Operation
  public boolean add(int key) {
    return set.add(new Key(key));
  }

  @Operation
  public boolean remove(int key) {
    return set.remove(new Key(key));
  }

  @Operation
  public boolean contains(int key) {
    return set.contains(new Key(key));
  }

  /**
   * An integer key in an object of the tests' own class; its hash is the integer's, so its
   * skip-list tower has the height an {@code Integer}'s would.
   */
  public static final class Key implements Comparable<Key> {
    private final int value;

    /** The key {@code value}. */
    public Key(int value) {
      this.value = value;
    }

    @Override
    public int compareTo(Key other) {
      return Integer.compare(value, other.value);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && k.value == value;
    }

    @Override
    public int hashCode() {
      return Integer.hashCode(value);
    }

    @Override
    public String toString() {
      return Integer.toString(value);
    }
  }
}
