package io.pdslab.labs.concurrent;

import io.pdslab.labs.concurrent.given.ConcurrentSet;
import java.util.HashSet;
import java.util.Set;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;

/**
 * Lincheck operations over a {@link ConcurrentSet} of a few small keys, so that operations collide
 * on the same items; subclasses say which set.
 */
@Param(name = "key", gen = SeededIntGen.class, conf = "1:4")
public abstract class SetSpec {
  private final ConcurrentSet<Integer> set = newSet();

  /** The implementation under test. */
  protected abstract ConcurrentSet<Integer> newSet();

  @Operation
  public boolean add(@Param(name = "key") int key) {
    return set.add(key);
  }

  @Operation
  public boolean remove(@Param(name = "key") int key) {
    return set.remove(key);
  }

  @Operation
  public boolean contains(@Param(name = "key") int key) {
    return set.contains(key);
  }

  /** The sequential specification: a plain hash set. */
  public static final class Sequential {
    private final Set<Integer> set = new HashSet<>();

    public boolean add(int key) {
      return set.add(key);
    }

    public boolean remove(int key) {
      return set.remove(key);
    }

    public boolean contains(int key) {
      return set.contains(key);
    }
  }
}
