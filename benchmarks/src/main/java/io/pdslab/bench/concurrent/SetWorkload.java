package io.pdslab.bench.concurrent;

import io.pdslab.labs.concurrent.given.ConcurrentSet;
import java.util.Set;

/**
 * The read-mostly workload the set benchmarks share: 80% {@code contains}, 10% {@code add}, 10%
 * {@code remove} of keys drawn uniformly from {@value #KEYS}, half of them present at the start.
 */
final class SetWorkload {
  static final int KEYS = 1 << 14;

  private SetWorkload() {}

  /** {@code set} holding every other key. */
  static ConcurrentSet<Integer> prefilled(ConcurrentSet<Integer> set) {
    for (int k = 0; k < KEYS; k += 2) {
      set.add(k);
    }
    return set;
  }

  /** A JDK set seen through the lab's interface, so that both sides run the same {@link #step}. */
  static ConcurrentSet<Integer> of(Set<Integer> jdk) {
    return new ConcurrentSet<>() {
      @Override
      public boolean add(Integer item) {
        return jdk.add(item);
      }

      @Override
      public boolean remove(Integer item) {
        return jdk.remove(item);
      }

      @Override
      public boolean contains(Integer item) {
        return jdk.contains(item);
      }
    };
  }

  /** One operation of the mix on a random key. */
  static boolean step(ConcurrentSet<Integer> set, Keys keys) {
    int key = keys.next(KEYS);
    int op = keys.next(10);
    return op == 0 ? set.add(key) : op == 1 ? set.remove(key) : set.contains(key);
  }
}
