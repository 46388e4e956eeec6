package io.pdslab.labs.concurrent.stack;

import io.pdslab.harness.junit.SimulationTest;
import io.pdslab.labs.concurrent.LincheckSettings;
import io.pdslab.labs.concurrent.Scenario;
import io.pdslab.labs.concurrent.StackSpec;
import io.pdslab.labs.concurrent.given.ConcurrentStack;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** Linearizability and lock-freedom of {@link TreiberStack}, by Lincheck. */
@Order(LincheckSettings.RUN_LAST)
public class TreiberStackLincheckTest extends StackSpec {
  @Override
  protected ConcurrentStack<Integer> newStack() {
    return new TreiberStack<>();
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
   * Hand-written scenarios. A pop that read {@code top} and {@code top.next}, then is preempted
   * while the other thread pops both nodes and pushes again: if nodes are recycled (a free list),
   * {@code top} is the same node again and the stale compare-and-set succeeds (ABA), resurrecting a
   * popped node. And no operation may wait for a preempted one: the stack must be lock-free
   * (obstruction-freedom is checked in every explored interleaving).
   */
  public static ModelCheckingOptions targeted(Class<? extends StackSpec> spec) {
    return LincheckSettings.targeted(
            Scenario.of(spec)
                .init("push(1)", "push(2)")
                .thread("pop()")
                .thread("pop()", "pop()", "push(3)")
                .post("pop()", "pop()"),
            Scenario.of(spec)
                .init("push(1)", "push(2)")
                .thread("pop()")
                .thread("pop()", "pop()", "push(3)", "push(4)")
                .post("pop()", "pop()", "pop()"),
            Scenario.of(spec).thread("push(1)", "pop()").thread("push(2)", "pop()"))
        .checkObstructionFreedom(true)
        .sequentialSpecification(Sequential.class);
  }
}
