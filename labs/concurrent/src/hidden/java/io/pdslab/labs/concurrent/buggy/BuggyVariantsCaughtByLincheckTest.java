package io.pdslab.labs.concurrent.buggy;

import static org.junit.jupiter.api.Assertions.assertThrows;

import io.pdslab.labs.concurrent.LincheckSettings;
import io.pdslab.labs.concurrent.LockSpec;
import io.pdslab.labs.concurrent.QueueSpec;
import io.pdslab.labs.concurrent.SetSpec;
import io.pdslab.labs.concurrent.StackSpec;
import io.pdslab.labs.concurrent.given.ConcurrentQueue;
import io.pdslab.labs.concurrent.given.ConcurrentSet;
import io.pdslab.labs.concurrent.given.ConcurrentStack;
import io.pdslab.labs.concurrent.hashset.StripedHashSetLincheckTest;
import io.pdslab.labs.concurrent.locks.LockLincheckTest;
import io.pdslab.labs.concurrent.queue.MichaelScottQueueLincheckTest;
import io.pdslab.labs.concurrent.skiplist.SkipListLincheckTest;
import io.pdslab.labs.concurrent.stack.TreiberStackLincheckTest;
import java.util.concurrent.locks.Lock;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Each deliberately broken variant must fail the lab's own Lincheck check of its part, on every
 * seed: a check that passes a known bug would be worthless. The checks are the graded ones (the
 * seeded random scenarios for locks, the hand-written scenarios everywhere), so a seed that lets a
 * bug through here lets it through in grading too. The hand-written scenarios do not depend on the
 * seed: model checking explores their interleavings in a fixed order.
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

  /** Lincheck operations on {@link BuggyQueue} with {@link BuggyQueue.Bug#TAIL_NOT_HELPED}. */
  public static class QueueTailNotHelpedSpec extends QueueSpec {
    @Override
    protected ConcurrentQueue<Integer> newQueue() {
      return new BuggyQueue<>(BuggyQueue.Bug.TAIL_NOT_HELPED);
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

  @Test
  void lockCheckCatchesNonAtomicTestAndSet() {
    assertCaught(() -> LockLincheckTest.check(TasWithoutAtomicitySpec.class, 1));
  }

  @Test
  void lockCheckCatchesClhRecyclingNodesWithTryLock() {
    assertCaught(() -> LockLincheckTest.check(ClhRecyclingNodesSpec.class, 1));
  }

  @Test
  void stackCheckCatchesLossyPush() {
    assertCaught(TreiberStackLincheckTest.targeted(LossyStackSpec.class), LossyStackSpec.class);
  }

  @Test
  void stackCheckCatchesAbaWithNodePool() {
    assertCaught(
        TreiberStackLincheckTest.targeted(TreiberWithNodePoolSpec.class),
        TreiberWithNodePoolSpec.class);
  }

  @Test
  void queueCheckCatchesEnqueueWithoutCas() {
    assertCaught(
        MichaelScottQueueLincheckTest.targeted(QueueEnqueueWithoutCasSpec.class),
        QueueEnqueueWithoutCasSpec.class);
  }

  @Test
  void queueCheckCatchesTailNeverHelped() {
    assertCaught(
        MichaelScottQueueLincheckTest.laggingTail(QueueTailNotHelpedSpec.class),
        QueueTailNotHelpedSpec.class);
  }

  @Test
  void hashSetCheckCatchesResizeWithoutAllLocks() {
    assertCaught(
        StripedHashSetLincheckTest.targeted(ResizeWithoutAllLocksSpec.class),
        ResizeWithoutAllLocksSpec.class);
  }

  @Test
  void hashSetCheckCatchesOverlappingResizes() {
    assertCaught(
        StripedHashSetLincheckTest.targeted(StaleTableInResizeSpec.class),
        StaleTableInResizeSpec.class);
  }

  @Test
  @Tag("slow") // explores every interleaving before it finds the bug: run with -Pthorough
  void skipListCheckCatchesLazyListWithoutValidation() {
    assertCaught(
        SkipListLincheckTest.targeted(LazyListWithoutValidationSpec.class, 1),
        LazyListWithoutValidationSpec.class);
  }

  @Test
  void skipListCheckCatchesContainsIgnoringTheMark() {
    assertCaught(
        SkipListLincheckTest.targeted(LazyContainsIgnoresMarkSpec.class, 1),
        LazyContainsIgnoresMarkSpec.class);
  }

  @Test
  void skipListCheckCatchesUpperLevelsLinkedFirst() {
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
