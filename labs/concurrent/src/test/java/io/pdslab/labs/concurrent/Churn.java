package io.pdslab.labs.concurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pdslab.harness.perf.Workers;
import io.pdslab.labs.concurrent.given.ConcurrentSet;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Multi-threaded workloads with exact bookkeeping: every item is counted when it goes in and when
 * it comes out, so a lost or duplicated element is reported precisely. Waits are bounded: a hang
 * fails with a thread dump.
 */
public final class Churn {
  /** Bound on any single workload; generous for a loaded 2-core machine. */
  public static final Duration TIMEOUT = Duration.ofSeconds(60);

  private Churn() {}

  /**
   * Producers push distinct items (producer p pushes {@code p * perProducer + i}) while consumers
   * take until every item has been taken exactly once.
   *
   * @param put puts an item
   * @param take takes an item or returns null when none is available
   * @param fifoPerProducer check that each producer's items come out in the order they went in
   *     (holds for a FIFO queue with one consumer)
   */
  public static void producersConsumers(
      String name,
      int producers,
      int consumers,
      int perProducer,
      Consumer<Integer> put,
      Supplier<Integer> take,
      boolean fifoPerProducer) {
    producersConsumers(
        name, producers, consumers, perProducer, put, take, fifoPerProducer, TIMEOUT);
  }

  /** As above, with a custom bound on the whole workload. */
  public static void producersConsumers(
      String name,
      int producers,
      int consumers,
      int perProducer,
      Consumer<Integer> put,
      Supplier<Integer> take,
      boolean fifoPerProducer,
      Duration timeout) {
    int total = producers * perProducer;
    AtomicIntegerArray seen = new AtomicIntegerArray(total);
    AtomicInteger taken = new AtomicInteger();
    int[] lastOfProducer = new int[producers];
    java.util.Arrays.fill(lastOfProducer, -1);
    Workers.run(
        name,
        producers + consumers,
        timeout,
        index -> {
          if (index < producers) {
            for (int i = 0; i < perProducer; i++) {
              stopIfInterrupted();
              put.accept(index * perProducer + i);
            }
            return;
          }
          while (taken.get() < total) {
            stopIfInterrupted();
            Integer item = take.get();
            if (item == null) {
              Thread.onSpinWait();
              continue;
            }
            if (item < 0 || item >= total) {
              throw new AssertionError("took an item that was never put: " + item);
            }
            if (seen.getAndIncrement(item) != 0) {
              throw new AssertionError("item " + item + " taken twice");
            }
            taken.incrementAndGet();
            if (fifoPerProducer) {
              int producer = item / perProducer;
              int last = lastOfProducer[producer];
              if (item <= last) {
                throw new AssertionError(
                    "FIFO broken: took " + item + " after " + last + " of the same producer");
              }
              lastOfProducer[producer] = item;
            }
          }
        });
    assertEquals(total, taken.get(), "items taken");
    assertEquals(null, take.get(), "the structure should be empty after taking everything");
  }

  /**
   * Each thread adds its own range of keys, checks them, removes every other one, and the final
   * contents are checked key by key. Threads also race on shared keys (one per round): for each
   * key, the adds that succeeded must equal the removes that succeeded, and the key must be gone.
   */
  public static void setChurn(String name, ConcurrentSet<Integer> set, int threads, int perThread) {
    int rounds = 500;
    AtomicIntegerArray addWins = new AtomicIntegerArray(rounds);
    AtomicIntegerArray removeWins = new AtomicIntegerArray(rounds);
    Workers.run(
        name,
        threads,
        TIMEOUT,
        index -> {
          int base = (index + 1) * 1_000_000;
          for (int i = 0; i < perThread; i++) {
            stopIfInterrupted();
            assertTrue(set.add(base + i), "first add of a fresh key");
            assertFalse(set.add(base + i), "second add of the same key");
          }
          for (int i = 0; i < perThread; i++) {
            assertTrue(set.contains(base + i), "key added by this thread is missing");
          }
          for (int i = 0; i < perThread; i += 2) {
            assertTrue(set.remove(base + i), "remove of a present key");
          }
          for (int r = 0; r < rounds; r++) {
            stopIfInterrupted();
            int key = -r - 1; // every thread races on the same key
            if (set.add(key)) {
              addWins.incrementAndGet(-key - 1);
            }
            if (set.remove(key)) {
              removeWins.incrementAndGet(-key - 1);
            }
          }
        });
    for (int t = 0; t < threads; t++) {
      int base = (t + 1) * 1_000_000;
      for (int i = 0; i < perThread; i++) {
        assertEquals(i % 2 == 1, set.contains(base + i), "key " + (base + i) + " after churn");
      }
    }
    for (int k = 0; k < rounds; k++) {
      assertEquals(addWins.get(k), removeWins.get(k), "adds and removes that won for key " + k);
      assertFalse(set.contains(-k - 1), "shared key " + (-k - 1) + " should be gone");
    }
  }

  /**
   * Ends a worker's loop once {@link Workers} has interrupted it (another worker failed or the run
   * timed out), so that only code under test can be left spinning.
   */
  public static void stopIfInterrupted() throws InterruptedException {
    if (Thread.interrupted()) {
      throw new InterruptedException("stopped: the run failed or timed out");
    }
  }
}
