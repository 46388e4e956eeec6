package io.pdslab.labs.concurrent.skiplist;

import io.pdslab.harness.junit.SimulationTest;
import io.pdslab.labs.concurrent.KeySetSpec;
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
  /** A key whose tower is one level high. */
  private static final int SHORT_KEY = shortKey();

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

  /** Operations on a {@link LockFreeSkipList} of the tests' own keys (see {@link KeySetSpec}). */
  public static class LockFreeKeys extends KeySetSpec {
    @Override
    protected ConcurrentSet<Key> newSet() {
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

  @Test
  void lockFreeRacingRemoves() {
    racingRemoves(LockFreeKeys.class).check(LockFreeKeys.class);
  }

  private static int shortKey() {
    return IntStream.rangeClosed(1, 1000)
        .filter(k -> Levels.topLevel(k) == 0)
        .findFirst()
        .orElseThrow();
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

  /**
   * Hand-written scenarios where removes race each other and an add: two removes that both find the
   * node before either marks it at the bottom level (exactly one may win; the loser must see the
   * mark and answer {@code false}, not retry its CAS forever: that livelock shows as "the execution
   * has hung"), on a one-level tower and on a tall one, and two removes racing the add that is
   * still linking the tall tower's upper levels (the add must stop linking a node once it is
   * marked).
   */
  public static ModelCheckingOptions racingRemoves(Class<? extends KeySetSpec> spec) {
    String add = "add(" + SHORT_KEY + ")";
    String remove = "remove(" + SHORT_KEY + ")";
    int tall = tallKey();
    String addTall = "add(" + tall + ")";
    String removeTall = "remove(" + tall + ")";
    String containsTall = "contains(" + tall + ")";
    return LincheckSettings.targeted(
            Scenario.of(spec).init(add).thread(remove).thread(remove),
            Scenario.of(spec).init(addTall).thread(removeTall).thread(removeTall),
            Scenario.of(spec).thread(addTall).thread(removeTall).thread(removeTall, containsTall))
        .sequentialSpecification(SetSpec.Sequential.class);
  }
}
