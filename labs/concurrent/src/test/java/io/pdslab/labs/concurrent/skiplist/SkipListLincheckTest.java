package io.pdslab.labs.concurrent.skiplist;

import io.pdslab.labs.concurrent.LincheckSettings;
import io.pdslab.labs.concurrent.SetSpec;
import io.pdslab.labs.concurrent.given.ConcurrentSet;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Linearizability of both skip lists by Lincheck. */
@Order(LincheckSettings.RUN_LAST)
class SkipListLincheckTest {
  /** Operations on a {@link LazySkipList}. */
  public static class Lazy extends SetSpec {
    @Override
    protected ConcurrentSet<Integer> newSet() {
      return new LazySkipList<>();
    }
  }

  /** Operations on a {@link LockFreeSkipList}. */
  public static class LockFree extends SetSpec {
    @Override
    protected ConcurrentSet<Integer> newSet() {
      return new LockFreeSkipList<>();
    }
  }

  @ParameterizedTest
  @ValueSource(classes = {Lazy.class, LockFree.class})
  void modelChecking(Class<?> spec) {
    LincheckSettings.modelChecking().sequentialSpecification(SetSpec.Sequential.class).check(spec);
  }

  @ParameterizedTest
  @ValueSource(classes = {Lazy.class, LockFree.class})
  void stress(Class<?> spec) {
    LincheckSettings.stress().sequentialSpecification(SetSpec.Sequential.class).check(spec);
  }
}
