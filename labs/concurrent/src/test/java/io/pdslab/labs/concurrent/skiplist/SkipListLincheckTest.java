package io.pdslab.labs.concurrent.skiplist;

import io.pdslab.harness.junit.SimulationTest;
import io.pdslab.labs.concurrent.LincheckSettings;
import io.pdslab.labs.concurrent.Scenario;
import io.pdslab.labs.concurrent.SetSpec;
import io.pdslab.labs.concurrent.given.ConcurrentSet;
import io.pdslab.labs.concurrent.given.Levels;
import java.util.stream.IntStream;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** Linearizability of both skip lists by Lincheck; one test per list and kind of check. */
@Order(LincheckSettings.RUN_LAST)
public class SkipListLincheckTest {
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

  @SimulationTest
  void lazyModelChecking(long seed) {
    LincheckSettings.modelChecking(seed)
        .sequentialSpecification(SetSpec.Sequential.class)
        .check(Lazy.class);
  }

  @SimulationTest
  void lockFreeModelChecking(long seed) {
    LincheckSettings.modelChecking(seed)
        .sequentialSpecification(SetSpec.Sequential.class)
        .check(LockFree.class);
  }

  @SimulationTest
  void lazyStress(long seed) {
    LincheckSettings.stress(seed)
        .sequentialSpecification(SetSpec.Sequential.class)
        .check(Lazy.class);
  }

  @SimulationTest
  void lockFreeStress(long seed) {
    LincheckSettings.stress(seed)
        .sequentialSpecification(SetSpec.Sequential.class)
        .check(LockFree.class);
  }

  @Test
  void lazyTargetedScenarios() {
    targeted(Lazy.class, tallKey()).check(Lazy.class);
  }

  @Test
  void lockFreeTargetedScenarios() {
    targeted(LockFree.class, tallKey()).check(LockFree.class);
  }

  /** The smallest key whose tower has an upper level: the scenarios need one. */
  public static int tallKey() {
    return IntStream.rangeClosed(1, 1000)
        .filter(k -> Levels.topLevel(k) >= 1)
        .findFirst()
        .orElseThrow();
  }

  /**
   * Hand-written scenarios on key {@code k}. Two removes race while a third look-up follows the
   * loser: once one remove has marked the node, {@code contains} must say "absent" even though the
   * node is still linked (a {@code contains} that ignores the mark answers from a removed node).
   * Two adds of the same key race: an add that links a tower's upper levels before the bottom one
   * makes the item reachable before it is in the set, and a concurrent add of the same key does not
   * see it at the bottom and adds it a second time.
   */
  public static ModelCheckingOptions targeted(Class<? extends SetSpec> spec, int k) {
    String add = "add(" + k + ")";
    String remove = "remove(" + k + ")";
    String contains = "contains(" + k + ")";
    return LincheckSettings.targeted(
            Scenario.of(spec).init(add).thread(remove).thread(remove, contains),
            Scenario.of(spec).thread(add).thread(add).post(remove, contains))
        .invocationsPerIteration(LincheckSettings.INVOCATIONS)
        .sequentialSpecification(SetSpec.Sequential.class);
  }
}
