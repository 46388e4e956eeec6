package io.pdslab.labs.concurrent.buggy;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pdslab.labs.concurrent.Churn;
import io.pdslab.labs.concurrent.LockFreedom;
import io.pdslab.labs.concurrent.given.ConcurrentSet;
import io.pdslab.labs.concurrent.hashset.ResizeChecks;
import io.pdslab.labs.concurrent.hashset.StripeChecks;
import io.pdslab.labs.concurrent.locks.LockChecks;
import io.pdslab.labs.concurrent.locks.SpinChecks;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;

/**
 * Each deliberately broken variant must fail the lab's real-thread checks (exclusion under
 * contention, producer/consumer bookkeeping, bounded waits).
 */
class BuggyVariantsCaughtOnRealThreadsTest {
  // Workloads are large so that the threads really overlap on a loaded machine: a short run can
  // finish within one scheduler time slice and never race at all.

  /**
   * The race is a window of a few instructions between the test and the set, which a contention run
   * on 2 loaded cores can miss; the structural check forces it: one thread is stopped between its
   * test and its set while another takes the lock.
   */
  @Test
  void overtakingCatchesNonAtomicTestAndSet() {
    AssertionError caught =
        assertThrows(
            AssertionError.class,
            () ->
                SpinChecks.assertOvertakenThreadStaysOut(
                    "tas-no-atomicity", TasWithoutAtomicity.class, Duration.ofSeconds(20)));
    assertTrue(caught.getMessage().contains("both enter"), caught::getMessage);
  }

  /**
   * A memory-model bug: invisible to the model checker, seen only on real threads once the JIT has
   * compiled the spin loop. Short critical sections under contention caught it only by luck (it
   * slipped through a CI run); a long hold lets the loop be compiled while the waiter spins.
   */
  @Test
  void longHoldCatchesTtasWithoutVolatile() {
    assertThrows(
        AssertionError.class,
        () ->
            LockChecks.releaseSeenBySpinningWaiter(
                "ttas-no-volatile",
                new TtasWithoutVolatile(),
                Duration.ofMillis(300),
                5,
                Duration.ofSeconds(20)));
  }

  @Test
  void churnCatchesLossyStack() {
    LossyStack<Integer> s = new LossyStack<>();
    assertThrows(
        AssertionError.class,
        () ->
            Churn.producersConsumers(
                "lossy", 2, 2, 1_000_000, s::push, s::pop, false, Duration.ofSeconds(8)));
  }

  /** Correct but serial: caught by structure, not by timing. */
  @Test
  void stripeCheckCatchesOneGlobalLock() {
    BuggyStripedHashSet<Object> set =
        new BuggyStripedHashSet<>(BuggyStripedHashSet.Bug.ONE_GLOBAL_LOCK, 64, 4);
    assertThrows(
        AssertionError.class, () -> StripeChecks.assertOtherStripesDoNotWait("global", set));
  }

  /**
   * One lock behind a lock-free look first, as the reference answers an add of a present key: the
   * check must stop the adder under the lock, not only at its first comparison.
   */
  @Test
  void stripeCheckCatchesOneGlobalLockBehindALockFreeLook() {
    Set<Object> items = ConcurrentHashMap.newKeySet();
    ReentrantLock global = new ReentrantLock();
    ConcurrentSet<Object> set =
        new ConcurrentSet<>() {
          @Override
          public boolean add(Object item) {
            if (items.contains(item)) {
              return false;
            }
            global.lock();
            try {
              return items.add(item);
            } finally {
              global.unlock();
            }
          }

          @Override
          public boolean remove(Object item) {
            global.lock();
            try {
              return items.remove(item);
            } finally {
              global.unlock();
            }
          }

          @Override
          public boolean contains(Object item) {
            return items.contains(item);
          }
        };
    assertThrows(
        AssertionError.class, () -> StripeChecks.assertOtherStripesDoNotWait("global", set));
  }

  /** Caught every time: the resizer is stopped inside its copy while other stripes add. */
  @Test
  void resizeCheckCatchesResizeWithoutAllLocks() {
    BuggyStripedHashSet<Object> set =
        new BuggyStripedHashSet<>(BuggyStripedHashSet.Bug.RESIZE_WITHOUT_ALL_LOCKS, 2, 1);
    assertThrows(
        AssertionError.class,
        () -> ResizeChecks.assertAddsDuringResizeAreKept("resize-own-lock", set));
  }

  /** Correct but blocking: caught by structure, not by timing. */
  @Test
  void monitorCheckCatchesSynchronizedQueue() {
    BuggyQueue<Integer> q = new BuggyQueue.Synchronized<>();
    assertThrows(
        AssertionError.class, () -> LockFreedom.assertIgnoresMonitor("enq", q, () -> q.enq(1)));
  }
}
