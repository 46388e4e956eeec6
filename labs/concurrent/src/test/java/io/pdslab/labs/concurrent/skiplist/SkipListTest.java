package io.pdslab.labs.concurrent.skiplist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pdslab.harness.perf.Workers;
import io.pdslab.labs.concurrent.Churn;
import io.pdslab.labs.concurrent.given.ConcurrentSet;
import io.pdslab.labs.concurrent.given.Spin;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Targeted tests of both skip lists: set semantics and churn. */
class SkipListTest {
  /**
   * How long the racing-removes test goes on at most: on a loaded machine a round costs a time
   * slice.
   */
  static final Duration STOP_AFTER = Duration.ofSeconds(5);

  static Stream<Arguments> lists() {
    Supplier<ConcurrentSet<Integer>> lazy = LazySkipList::new;
    Supplier<ConcurrentSet<Integer>> lockFree = LockFreeSkipList::new;
    return Stream.of(Arguments.of("lazy", lazy), Arguments.of("lock-free", lockFree));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("lists")
  void sequentialSetSemantics(String name, Supplier<ConcurrentSet<Integer>> factory) {
    ConcurrentSet<Integer> set = factory.get();
    for (int i = 999; i >= 0; i--) {
      assertTrue(set.add(i * 7 % 1000));
    }
    assertFalse(set.add(5));
    for (int i = 0; i < 1000; i += 3) {
      assertTrue(set.remove(i));
      assertFalse(set.remove(i));
    }
    for (int i = -5; i < 1005; i++) {
      assertEquals(i >= 0 && i < 1000 && i % 3 != 0, set.contains(i), name + " key " + i);
    }
  }

  /**
   * Two threads remove the same key at the same moment, round after round (a fresh key each round,
   * released to both by a spin barrier): exactly one remove may win each time. The race this aims
   * at is the common one where both removes find the node unmarked and one of them then waits for
   * the node while the other removes it: the loser must see the mark and answer false, or one add
   * is undone twice.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("lists")
  void racingRemovesHaveOneWinner(String name, Supplier<ConcurrentSet<Integer>> factory) {
    ConcurrentSet<Integer> set = factory.get();
    int maxRounds = 20_000;
    long stopAt = System.nanoTime() + STOP_AFTER.toNanos();
    AtomicInteger arrived = new AtomicInteger();
    AtomicInteger rounds = new AtomicInteger(maxRounds); // lowered by thread 0 once time is up
    AtomicIntegerArray wins = new AtomicIntegerArray(maxRounds);
    Workers.run(
        name + "-racing-removes",
        2,
        Churn.TIMEOUT,
        i -> {
          for (int r = 0; ; r++) {
            if (i == 0) {
              if (r == maxRounds || System.nanoTime() - stopAt > 0) {
                rounds.set(r); // before arriving: thread 1 reads it after the barrier
              } else {
                set.add(r);
              }
            }
            arrived.incrementAndGet();
            int spins = 0;
            while (arrived.get() < 2 * (r + 1)) {
              Churn.stopIfInterrupted();
              spins = Spin.spin(spins);
            }
            if (r >= rounds.get()) {
              return;
            }
            if (set.remove(r)) {
              wins.incrementAndGet(r);
            }
          }
        });
    for (int r = 0; r < rounds.get(); r++) {
      assertEquals(
          1,
          wins.get(r),
          name
              + ": key "
              + r
              + " was added once and removed by two threads at once; exactly one remove must"
              + " return true (a loser that answers true removed the item twice)");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("lists")
  void churn(String name, Supplier<ConcurrentSet<Integer>> factory) {
    Churn.setChurn(name, factory.get(), 4, 5_000);
  }

  /**
   * A remove that loses the race to mark its node (it locks the node after another remove marked
   * it) answers false and keeps no lock: the interleaving is forced, not hoped for.
   */
  @Test
  void lazyRemoveThatLosesTheMarkKeepsNoLock() {
    MarkRace.assertLoserReleasesItsLocks("lazy-mark-race", LazySkipList.class);
  }

  /**
   * An add whose new node is removed while the add still links its upper levels answers true: it
   * took effect when it linked the bottom level (the interleaving is forced, not hoped for).
   */
  @ParameterizedTest
  @EnumSource(UpperLevelRace.class)
  void lockFreeAddRemovedWhileLinkingUpperLevelsStillSucceeded(UpperLevelRace race) {
    race.check("lock-free-upper-level-race-" + race, LockFreeSkipList::new);
  }
}
