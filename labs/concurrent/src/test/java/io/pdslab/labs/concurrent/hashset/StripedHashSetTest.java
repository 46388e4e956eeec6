package io.pdslab.labs.concurrent.hashset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pdslab.labs.concurrent.Churn;
import org.junit.jupiter.api.Test;

/** Targeted tests of {@link StripedHashSet}: set semantics, resizing, churn. */
class StripedHashSetTest {
  @Test
  void sequentialSetSemanticsAndGrowth() {
    StripedHashSet<Integer> set = new StripedHashSet<>(4);
    for (int i = 0; i < 1000; i++) {
      assertTrue(set.add(i));
      assertFalse(set.add(i));
    }
    assertEquals(1000, set.size());
    assertTrue(set.capacity() > 4, "the table should have grown, capacity " + set.capacity());
    for (int i = 0; i < 1000; i += 2) {
      assertTrue(set.remove(i));
      assertFalse(set.remove(i));
    }
    for (int i = 0; i < 1000; i++) {
      assertEquals(i % 2 == 1, set.contains(i), "key " + i);
    }
    assertEquals(500, set.size());
  }

  /**
   * Distinct keys only (no duplicate add to trigger a resize), and removes of absent keys: the
   * table keeps its load factor and the size counts only the calls that changed the set.
   */
  @Test
  void loadFactorHeldAndSizeCountsOnlyChanges() {
    StripedHashSet<Integer> set = new StripedHashSet<>(4, 2);
    for (int i = 0; i < 1000; i++) {
      assertTrue(set.add(i));
    }
    assertTrue(
        2L * set.capacity() >= 1000,
        "1000 distinct keys at a load factor of 2 need at least 500 buckets, capacity "
            + set.capacity()
            + ": an add of a new key must resize once the set holds more than 2 per bucket");
    for (int i = 1000; i < 1100; i++) {
      assertFalse(set.remove(i));
    }
    assertEquals(1000, set.size(), "removes of absent keys must not change the size");
  }

  @Test
  void churnWhileResizing() {
    StripedHashSet<Integer> set = new StripedHashSet<>(2);
    Churn.setChurn("striped", set, 4, 5_000);
    assertTrue(set.capacity() > 2, "the table should have grown");
  }

  /**
   * Adds made while a resize is copying the table must survive it: the resize holds every lock. The
   * resizer is stopped inside its copy by the keys' own {@code hashCode}, so the race is provoked
   * every time, not only when the scheduler happens to interleave the threads there.
   */
  @Test
  void addsDuringAResizeAreKept() throws InterruptedException {
    ResizeChecks.assertAddsDuringResizeAreKept("striped", new StripedHashSet<>(2, 1));
  }

  /** An operation must not wait for a lock held on another stripe (no global lock). */
  @Test
  void otherStripesDoNotWaitForAHeldStripe() throws InterruptedException {
    StripeChecks.assertOtherStripesDoNotWait("striped", new StripedHashSet<>(64));
  }
}
