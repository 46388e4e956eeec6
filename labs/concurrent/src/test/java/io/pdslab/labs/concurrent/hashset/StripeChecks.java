package io.pdslab.labs.concurrent.hashset;

import io.pdslab.harness.perf.Workers;
import io.pdslab.labs.concurrent.given.ConcurrentSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A structural check of lock striping, on real threads but without timing anything: an operation on
 * one bucket must not wait for a lock held on another bucket. A set with one global lock is
 * correct, and on 2 cores its throughput may even look fine, but it serialises every operation.
 */
public final class StripeChecks {
  /**
   * Keys tried on other buckets at each stop; with striping, almost all of them use another lock.
   */
  static final int CANDIDATES = 24;

  /**
   * Stops after which the adding thread runs freely: a set compares the added key with its bucket's
   * key once or twice (before it locks and under the lock), a retrying one a few times more.
   */
  static final int MAX_STOPS = 4;

  private StripeChecks() {}

  /**
   * One thread adds a key to the bucket of hash 0 and is stopped at each comparison of that key
   * with the key already there (the key's {@code equals} blocks); an {@code add}, because a {@code
   * contains} may rightly take no lock. At each stop, keys with other hash codes are added, each on
   * its own thread, and at least one of them must complete: they wait for nothing but their own
   * bucket's lock. Every comparison is a stop because a set may compare once before it locks (to
   * answer the {@code add} of a present key without a lock, as the reference does) and again under
   * the lock: only a stop under the lock tells one global lock from striping. Decided without a
   * clock: a stop ends when a candidate has finished or every candidate is parked or blocked
   * (waiting for a lock), with a generous bound for a candidate that spins.
   *
   * @param set an empty set with at least 16 buckets
   */
  public static void assertOtherStripesDoNotWait(String name, ConcurrentSet<Object> set)
      throws InterruptedException {
    if (!set.add(new Probe(0, null))) {
      throw new AssertionError("add of a fresh key returned false");
    }
    Gate gate = new Gate();
    Probe blocker = new Probe(0, gate);
    Thread holder = new Thread(() -> set.add(blocker), name + "-holder");
    holder.setDaemon(true);
    gate.stopped = holder;
    List<Thread> candidates = new ArrayList<>();
    holder.start();
    try {
      int stops = 0;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (stops < MAX_STOPS && System.nanoTime() - deadline < 0) {
        if (!gate.entered.tryAcquire(5, TimeUnit.MILLISECONDS)) {
          if (!holder.isAlive()) {
            break;
          }
          continue;
        }
        stops++;
        List<Thread> batch = new ArrayList<>();
        boolean someFinished = addOnOtherBuckets(name, set, stops, batch);
        candidates.addAll(batch);
        if (!someFinished) { // the gate stays shut, so the dump shows the waiting candidates
          throw new AssertionError(
              name
                  + ": while one thread was inside add, comparing keys of one bucket (comparison "
                  + stops
                  + "), adds of "
                  + CANDIDATES
                  + " keys with other hash codes all waited: every operation takes the same lock,"
                  + " which serialises the whole set (lock striping means one lock per stripe)\n"
                  + Workers.dump(batch.subList(0, 2)));
        }
        gate.proceed.release();
      }
      if (stops == 0) {
        throw new AssertionError(name + ": add(key) never compared key with the key in its bucket");
      }
    } finally {
      gate.open();
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

  /**
   * Starts {@value #CANDIDATES} adds of keys with hash codes of their own, each on a thread put in
   * {@code batch}, and returns whether one finished before all the others waited (or before a
   * generous bound, for spinners).
   */
  private static boolean addOnOtherBuckets(
      String name, ConcurrentSet<Object> set, int stop, List<Thread> batch)
      throws InterruptedException {
    AtomicInteger finished = new AtomicInteger();
    for (int i = 1; i <= CANDIDATES; i++) {
      Probe key = new Probe((stop - 1) * CANDIDATES + i, null);
      Thread t =
          new Thread(
              () -> {
                set.add(key);
                finished.incrementAndGet();
              },
              name + "-add-" + key.hashCode());
      t.setDaemon(true);
      batch.add(t);
      t.start();
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (finished.get() == 0 && !allWaiting(batch) && System.nanoTime() - deadline < 0) {
      Thread.sleep(5);
    }
    return finished.get() > 0;
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
   * Where the thread under test stops: each of its comparisons of the gated key signals {@link
   * #entered} and waits for {@link #proceed}, until {@link #open()}. Other threads pass freely.
   */
  private static final class Gate {
    final Semaphore entered = new Semaphore(0);
    final Semaphore proceed = new Semaphore(0);
    volatile Thread stopped;
    volatile boolean open;

    void pass() {
      if (open || Thread.currentThread() != stopped) {
        return;
      }
      entered.release();
      proceed.acquireUninterruptibly();
    }

    void open() {
      open = true;
      proceed.release(MAX_STOPS + 1);
    }
  }

  /**
   * A key with a chosen hash code. A comparison with a gated probe passes its {@link Gate}: the
   * comparing thread then sits inside the set's operation, holding whatever lock it holds there.
   */
  static final class Probe {
    private final int hash;
    private final Gate gate;

    Probe(int hash, Gate gate) {
      this.hash = hash;
      this.gate = gate;
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
      Gate g = gate != null ? gate : other.gate;
      if (g != null) {
        g.pass();
      }
      return false;
    }

    @Override
    public String toString() {
      return "Probe(" + hash + ")";
    }
  }
}
