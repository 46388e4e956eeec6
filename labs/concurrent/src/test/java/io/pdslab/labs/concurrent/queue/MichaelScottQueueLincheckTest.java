package io.pdslab.labs.concurrent.queue;

import io.pdslab.harness.junit.SimulationTest;
import io.pdslab.labs.concurrent.LincheckSettings;
import io.pdslab.labs.concurrent.QueueSpec;
import io.pdslab.labs.concurrent.Scenario;
import io.pdslab.labs.concurrent.given.ConcurrentQueue;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** Linearizability and lock-freedom of {@link MichaelScottQueue}, by Lincheck. */
@Order(LincheckSettings.RUN_LAST)
public class MichaelScottQueueLincheckTest extends QueueSpec {
  @Override
  protected ConcurrentQueue<Integer> newQueue() {
    return new MichaelScottQueue<>();
  }

  @SimulationTest
  void modelChecking(long seed) {
    LincheckSettings.modelChecking(seed)
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
   * Hand-written scenarios: two enqueuers that both find the same last node (only one may link to
   * it), and an enqueue racing with dequeues while the tail lags behind the last node; later
   * dequeues show whether an item was lost or duplicated.
   */
  public static ModelCheckingOptions targeted(Class<? extends QueueSpec> spec) {
    return LincheckSettings.targeted(
            Scenario.of(spec).thread("enq(1)").thread("enq(2)", "deq()").post("deq()", "deq()"),
            Scenario.of(spec)
                .init("enq(1)")
                .thread("enq(2)", "deq()")
                .thread("deq()", "enq(3)")
                .post("deq()", "deq()"))
        .sequentialSpecification(Sequential.class);
  }
}
