package io.pdslab.labs.concurrent.hashset;

import io.pdslab.labs.concurrent.LincheckSettings;
import io.pdslab.labs.concurrent.SetSpec;
import io.pdslab.labs.concurrent.given.ConcurrentSet;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Linearizability of {@link StripedHashSet} by Lincheck. Two buckets and a load factor of 1 make
 * the set resize within the few operations of a scenario, so resizing races are explored too.
 */
@Order(LincheckSettings.RUN_LAST)
public class StripedHashSetLincheckTest extends SetSpec {
  @Override
  protected ConcurrentSet<Integer> newSet() {
    return new StripedHashSet<>(2, 1);
  }

  /** Lock internals make each interleaving costly: fewer invocations per scenario. */
  @Test
  void modelChecking() {
    LincheckSettings.modelChecking()
        .invocationsPerIteration(Math.max(1, LincheckSettings.INVOCATIONS / 4))
        .sequentialSpecification(Sequential.class)
        .check(getClass());
  }

  @Test
  void stress() {
    LincheckSettings.stress().sequentialSpecification(Sequential.class).check(getClass());
  }
}
