package io.pdslab.labs.concurrent.hashset;

import io.pdslab.harness.junit.SimulationTest;
import io.pdslab.labs.concurrent.LincheckSettings;
import io.pdslab.labs.concurrent.Scenario;
import io.pdslab.labs.concurrent.SetSpec;
import io.pdslab.labs.concurrent.given.ConcurrentSet;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
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
  @SimulationTest
  void modelChecking(long seed) {
    LincheckSettings.modelChecking(seed)
        .invocationsPerIteration(Math.max(1, LincheckSettings.INVOCATIONS / 4))
        .sequentialSpecification(Sequential.class)
        .check(getClass());
  }

  @SimulationTest
  void stress(long seed) {
    LincheckSettings.stress(seed).sequentialSpecification(Sequential.class).check(getClass());
  }

  @Test
  void targetedScenarios() {
    targeted(getClass()).check(getClass());
  }

  /**
   * Lock internals make each interleaving costly: fewer invocations. Two adds that both push the
   * set over its load factor, so their resizes overlap: the second resizer must notice that the
   * table has changed since it decided to resize, or it copies a stale table and loses what was
   * added in between. (With two buckets and a load factor of 1, the third item triggers a resize.)
   */
  public static ModelCheckingOptions targeted(Class<? extends SetSpec> spec) {
    return LincheckSettings.targeted(
            Scenario.of(spec)
                .init("add(1)", "add(2)")
                .thread("add(3)", "add(5)")
                .thread("add(4)", "add(6)")
                .post("contains(5)", "contains(6)"))
        .invocationsPerIteration(Math.max(1, LincheckSettings.INVOCATIONS / 2))
        .sequentialSpecification(Sequential.class);
  }
}
