package io.pdslab.labs.concurrent.hashset;

import io.pdslab.harness.perf.Workers;
import io.pdslab.labs.concurrent.given.ConcurrentSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A structural check of lock striping, on real threads but without timing anything: an operation on
 * one bucket must not wait for a lock held on another bucket. A set with one global lock is
 * correct, and on 2 cores its throughput may even look fine, but it serialises every operation.
 */
public final class StripeChecks {
  /** Keys tried on other buckets; with striping, almost all of them use another lock. */
  static final int CANDIDATES = 24;

  private StripeChecks() {}

  /**
   * One thread is kept inside an {@code add} on the bucket of hash 0 (the key's {@code equals}
   * blocks, so the thread holds that bucket's lock; an {@code add}, because a {@code contains} may
   * rightly take no lock); meanwhile keys with other hash codes are added, each on its own thread.
   * At least one of them must complete: they wait for nothing but their own bucket's lock. Decided
   * without a clock: the check waits until every candidate has either finished or is parked or
   * blocked (waiting for a lock), with a generous bound for a candidate that spins.
   *
   * @param set an empty set with at least 16 buckets, so that no add resizes it
   */
  public static void assertOtherStripesDoNotWait(String name, ConcurrentSet<Object> set)
      throws InterruptedException {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Probe resident = new Probe(0, null, null);
    Probe blocker = new Probe(0, entered, release);
    if (!set.add(resident)) {
      throw new AssertionError("add of a fresh key returned false");
    }
    Thread holder = new Thread(() -> set.add(blocker), name + "-holder");
    holder.setDaemon(true);
    holder.start();
    List<Thread> candidates = new ArrayList<>();
    AtomicInteger finished = new AtomicInteger();
    try {
      if (!entered.await(60, TimeUnit.SECONDS)) {
        throw new AssertionError(name + ": add(key) never compared key with the key in its bucket");
      }
      for (int i = 1; i <= CANDIDATES; i++) {
        Probe key = new Probe(i, null, null);
        Thread t =
            new Thread(
                () -> {
                  set.add(key);
                  finished.incrementAndGet();
                },
                name + "-add-" + i);
        t.setDaemon(true);
        candidates.add(t);
        t.start();
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (finished.get() == 0 && !allWaiting(candidates) && System.nanoTime() - deadline < 0) {
        Thread.sleep(5);
      }
      if (finished.get() == 0) {
        throw new AssertionError(
            name
                + ": while one thread held the lock of one bucket (inside add), adds of "
                + CANDIDATES
                + " keys with other hash codes all waited: every operation takes the same lock,"
                + " which serialises the whole set (lock striping means one lock per stripe)\n"
                + Workers.dump(candidates.subList(0, 2)));
      }
    } finally {
      release.countDown();
      List<Thread> all = new ArrayList<>(candidates);
      all.add(holder);
      for (Thread t : all) {
        t.join(TimeUnit.SECONDS.toMillis(60));
      }
      String leaked = Workers.stop(name, all);
      if (!leaked.isEmpty()) {
        throw new AssertionError(name + ": operations did not finish after the release" + leaked);
      }
    }
  }

  private static boolean allWaiting(List<Thread> threads) {
    for (Thread t : threads) {
      Thread.State s = t.getState();
      if (t.isAlive() && s != Thread.State.WAITING && s != Thread.State.BLOCKED) {
        return false;
      }
    }
    return true;
  }

  /**
   * A key with a chosen hash code. Comparing two probes where one has a gate signals {@code
   * entered} and waits for {@code release}: the comparing thread then sits inside the set's
   * operation, holding whatever lock guards that bucket.
   */
  static final class Probe {
    private final int hash;
    private final CountDownLatch entered;
    private final CountDownLatch release;

    Probe(int hash, CountDownLatch entered, CountDownLatch release) {
      this.hash = hash;
      this.entered = entered;
      this.release = release;
    }

    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public boolean equals(Object o) {
      if (o == this) {
        return true;
      }
      if (!(o instanceof Probe other)) {
        return false;
      }
      Probe gated = release != null ? this : other.release != null ? other : null;
      if (gated != null) {
        gated.entered.countDown();
        try {
          gated.release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return false;
    }

    @Override
    public String toString() {
      return "Probe(" + hash + ")";
    }
  }
}
