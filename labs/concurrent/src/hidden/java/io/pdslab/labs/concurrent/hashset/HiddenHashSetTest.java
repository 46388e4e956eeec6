package io.pdslab.labs.concurrent.hashset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pdslab.harness.perf.Workers;
import io.pdslab.labs.concurrent.Churn;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Grader-only hash set tests: many resizes under contention, colliding hash codes. */
class HiddenHashSetTest {
  /** A key whose hash code collides with every other key's modulo any power of two. */
  record Colliding(int id) {
    @Override
    public int hashCode() {
      return id & ~0xFFFF; // same low bits for ids in a block of 65536
    }
  }

  @Test
  void manyResizesUnderContention() {
    StripedHashSet<Integer> set = new StripedHashSet<>(1);
    Churn.setChurn("striped-8", set, 8, 3_000);
    assertTrue(set.capacity() >= 1024, "the table should have grown, capacity " + set.capacity());
  }

  @Test
  void collidingKeysStillWork() {
    StripedHashSet<Colliding> set = new StripedHashSet<>(4);
    Workers.run(
        "colliding",
        4,
        Duration.ofSeconds(60),
        i -> {
          for (int n = 0; n < 300; n++) {
            Colliding key = new Colliding(i * 1000 + n);
            if (!set.add(key) || !set.contains(key)) {
              throw new AssertionError("lost " + key);
            }
          }
        });
    assertEquals(1200, set.size());
  }
}
