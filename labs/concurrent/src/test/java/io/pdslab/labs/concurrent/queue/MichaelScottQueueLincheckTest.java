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

  @Test
  void laggingTailIsHelped() {
    laggingTail(getClass()).check(getClass());
  }

  /**
   * Hand-written scenarios: two enqueuers that both find the same last node (only one may link to
   * it), and an enqueue racing with dequeues while the tail lags behind the last node; later
   * dequeues show whether an item was lost or duplicated. No operation may wait for a preempted one
   * (obstruction-freedom is checked in every explored interleaving): an enqueuer stalled between
   * linking its node and swinging the tail must not stop the others, who help the tail.
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

  /**
   * An enqueuer stalled between linking its node and swinging the tail must not stop a dequeuer: it
   * finds {@code tail.next} set and helps the tail forward, instead of waiting for the stalled
   * thread (obstruction-freedom is checked in every explored interleaving). One enqueuer only: two
   * enqueuers make Lincheck 3.7 mistake the textbook retry on an inconsistent snapshot ({@code last
   * != tail.get()}) for an active lock.
   */
  public static ModelCheckingOptions laggingTail(Class<? extends QueueSpec> spec) {
    return LincheckSettings.targeted(
            Scenario.of(spec).thread("enq(1)").thread("deq()", "deq()").post("deq()"),
            Scenario.of(spec).init("enq(1)").thread("enq(2)").thread("deq()", "deq()"))
        .checkObstructionFreedom(true)
        .sequentialSpecification(Sequential.class);
  }
}
