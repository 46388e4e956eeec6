package io.pdslab.labs.concurrent.buggy;

import static org.junit.jupiter.api.Assertions.assertThrows;

import io.pdslab.harness.junit.SimulationTest;
import io.pdslab.labs.concurrent.ConcurrentQueue;
import io.pdslab.labs.concurrent.ConcurrentSet;
import io.pdslab.labs.concurrent.ConcurrentStack;
import io.pdslab.labs.concurrent.LincheckSettings;
import io.pdslab.labs.concurrent.LockSpec;
import io.pdslab.labs.concurrent.QueueSpec;
import io.pdslab.labs.concurrent.SetSpec;
import io.pdslab.labs.concurrent.StackSpec;
import io.pdslab.labs.concurrent.hashset.StripedHashSetLincheckTest;
import io.pdslab.labs.concurrent.locks.LockLincheckTest;
import io.pdslab.labs.concurrent.queue.MichaelScottQueueLincheckTest;
import io.pdslab.labs.concurrent.skiplist.SkipListLincheckTest;
import io.pdslab.labs.concurrent.stack.TreiberStackLincheckTest;
import java.util.concurrent.locks.Lock;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;

/**
 * Each deliberately broken variant must fail the lab's own Lincheck check of its part, on every
 * seed: a check that passes a known bug would be worthless. The checks are the graded ones (the
 * seeded random scenarios for locks, the hand-written scenarios everywhere), so a seed that lets a
 * bug through here lets it through in grading too. Run many seeds with {@code -Dpdslab.seeds=10}.
 */
@Order(LincheckSettings.RUN_LAST)
class BuggyVariantsCaughtByLincheckTest {
  /** Lincheck operations on {@link TasWithoutAtomicity}. */
  public static class TasWithoutAtomicitySpec extends LockSpec {
    @Override
    protected Lock newLock() {
      return new TasWithoutAtomicity();
    }
  }

  /** Lincheck operations on {@link ClhRecyclingNodes}. */
  public static class ClhRecyclingNodesSpec extends LockSpec {
    @Override
    protected Lock newLock() {
      return new ClhRecyclingNodes();
    }
  }

  /** Lincheck operations on {@link LossyStack}. */
  public static class LossyStackSpec extends StackSpec {
    @Override
    protected ConcurrentStack<Integer> newStack() {
      return new LossyStack<>();
    }
  }

  /** Lincheck operations on {@link TreiberWithNodePool}. */
  public static class TreiberWithNodePoolSpec extends StackSpec {
    @Override
    protected ConcurrentStack<Integer> newStack() {
      return new TreiberWithNodePool<>();
    }
  }

  /** Lincheck operations on {@link BuggyQueue} with {@link BuggyQueue.Bug#ENQUEUE_WITHOUT_CAS}. */
  public static class QueueEnqueueWithoutCasSpec extends QueueSpec {
    @Override
    protected ConcurrentQueue<Integer> newQueue() {
      return new BuggyQueue<>(BuggyQueue.Bug.ENQUEUE_WITHOUT_CAS);
    }
  }

  /** {@link BuggyStripedHashSet} with {@link BuggyStripedHashSet.Bug#RESIZE_WITHOUT_ALL_LOCKS}. */
  public static class ResizeWithoutAllLocksSpec extends SetSpec {
    @Override
    protected ConcurrentSet<Integer> newSet() {
      return new BuggyStripedHashSet<>(BuggyStripedHashSet.Bug.RESIZE_WITHOUT_ALL_LOCKS, 2, 1);
    }
  }

  /** {@link BuggyStripedHashSet} with {@link BuggyStripedHashSet.Bug#STALE_TABLE_IN_RESIZE}. */
  public static class StaleTableInResizeSpec extends SetSpec {
    @Override
    protected ConcurrentSet<Integer> newSet() {
      return new BuggyStripedHashSet<>(BuggyStripedHashSet.Bug.STALE_TABLE_IN_RESIZE, 2, 1);
    }
  }

  /** {@link BuggyLazyList} with {@link BuggyLazyList.Bug#NO_VALIDATION}. */
  public static class LazyListWithoutValidationSpec extends SetSpec {
    @Override
    protected ConcurrentSet<Integer> newSet() {
      return new BuggyLazyList(BuggyLazyList.Bug.NO_VALIDATION);
    }
  }

  /** {@link BuggyLazyList} with {@link BuggyLazyList.Bug#CONTAINS_IGNORES_MARK}. */
  public static class LazyContainsIgnoresMarkSpec extends SetSpec {
    @Override
    protected ConcurrentSet<Integer> newSet() {
      return new BuggyLazyList(BuggyLazyList.Bug.CONTAINS_IGNORES_MARK);
    }
  }

  /** Lincheck operations on {@link LockFreeSkipListUpperLevelsFirst}. */
  public static class UpperLevelsFirstSpec extends SetSpec {
    @Override
    protected ConcurrentSet<Integer> newSet() {
      return new LockFreeSkipListUpperLevelsFirst();
    }
  }

  @SimulationTest
  void lockCheckCatchesNonAtomicTestAndSet(long seed) {
    assertCaught(() -> LockLincheckTest.check(TasWithoutAtomicitySpec.class, seed));
  }

  @SimulationTest
  void lockCheckCatchesClhRecyclingNodesWithTryLock(long seed) {
    assertCaught(() -> LockLincheckTest.check(ClhRecyclingNodesSpec.class, seed));
  }

  @SimulationTest
  void stackCheckCatchesLossyPush(long seed) {
    assertCaught(TreiberStackLincheckTest.targeted(LossyStackSpec.class), LossyStackSpec.class);
  }

  @SimulationTest
  void stackCheckCatchesAbaWithNodePool(long seed) {
    assertCaught(
        TreiberStackLincheckTest.targeted(TreiberWithNodePoolSpec.class),
        TreiberWithNodePoolSpec.class);
  }

  @SimulationTest
  void queueCheckCatchesEnqueueWithoutCas(long seed) {
    assertCaught(
        MichaelScottQueueLincheckTest.targeted(QueueEnqueueWithoutCasSpec.class),
        QueueEnqueueWithoutCasSpec.class);
  }

  @SimulationTest
  void hashSetCheckCatchesResizeWithoutAllLocks(long seed) {
    assertCaught(
        StripedHashSetLincheckTest.targeted(ResizeWithoutAllLocksSpec.class),
        ResizeWithoutAllLocksSpec.class);
  }

  @SimulationTest
  void hashSetCheckCatchesOverlappingResizes(long seed) {
    assertCaught(
        StripedHashSetLincheckTest.targeted(StaleTableInResizeSpec.class),
        StaleTableInResizeSpec.class);
  }

  @SimulationTest
  @Tag("slow") // explores every interleaving before it finds the bug: run with -Pthorough
  void skipListCheckCatchesLazyListWithoutValidation(long seed) {
    assertCaught(
        SkipListLincheckTest.targeted(LazyListWithoutValidationSpec.class, 1),
        LazyListWithoutValidationSpec.class);
  }

  @SimulationTest
  void skipListCheckCatchesContainsIgnoringTheMark(long seed) {
    assertCaught(
        SkipListLincheckTest.targeted(LazyContainsIgnoresMarkSpec.class, 1),
        LazyContainsIgnoresMarkSpec.class);
  }

  @SimulationTest
  void skipListCheckCatchesUpperLevelsLinkedFirst(long seed) {
    assertCaught(
        SkipListLincheckTest.targeted(UpperLevelsFirstSpec.class, 1), UpperLevelsFirstSpec.class);
  }

  /** Model checking {@code spec} with {@code options} must report a failure. */
  private static void assertCaught(ModelCheckingOptions options, Class<?> spec) {
    assertCaught(() -> options.minimizeFailedScenario(false).check(spec));
  }

  private static void assertCaught(Runnable check) {
    assertThrows(AssertionError.class, check::run);
  }
}
