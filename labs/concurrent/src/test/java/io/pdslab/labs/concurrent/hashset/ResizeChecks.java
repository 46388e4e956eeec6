package io.pdslab.labs.concurrent.hashset;

import io.pdslab.harness.perf.Workers;
import io.pdslab.labs.concurrent.given.ConcurrentSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A deterministic check that a resize cannot lose keys added meanwhile, on real threads and without
 * timing anything. One thread adds keys until its add resizes the table; the keys count their
 * {@code hashCode} calls, and the resizer is stopped inside the copy, once it has rehashed every
 * key already in the set. While it is stopped, other threads add fresh keys. With a resize that
 * holds every lock they wait; with one that holds only its own stripe's lock, they write into the
 * old table (whose buckets are already copied), or start a resize of their own that the stopped one
 * then overwrites, and their keys are gone once the stopped resize publishes its table. Random
 * churn hits that window rarely on 2 loaded cores; this check opens it every time.
 */
public final class ResizeChecks {
  /** Fresh keys added while the resize is stopped; with 2 stripes, about half use another lock. */
  static final int CANDIDATES = 16;

  /** Keys the resizer adds at most before giving up on seeing a resize. */
  static final int MAX_RESIDENTS = 64;

  private ResizeChecks() {}

  /**
   * Fails if a key whose {@code add} returned {@code true} while a resize was copying the table is
   * missing afterwards, or if any operation threw.
   *
   * @param set an empty set with 2 buckets and a load factor of 1 (it resizes within a few adds)
   */
  public static void assertAddsDuringResizeAreKept(String name, ConcurrentSet<Object> set)
      throws InterruptedException {
    Gate gate = new Gate();
    List<Key> residents = new ArrayList<>();
    AtomicReference<Throwable> resizerFailure = new AtomicReference<>();
    Thread resizer =
        new Thread(
            () -> {
              try {
                for (int i = 0; i < MAX_RESIDENTS; i++) {
                  Key key = new Key(i, gate);
                  gate.beginAdd();
                  if (!set.add(key)) {
                    throw new AssertionError("add of the fresh key " + key + " returned false");
                  }
                  gate.resident(key);
                  residents.add(key);
                }
              } catch (Throwable t) {
                resizerFailure.set(t);
              }
            },
            name + "-resizer");
    gate.resizer = resizer;
    resizer.setDaemon(true);
    List<Thread> candidates = new ArrayList<>();
    List<Key> added = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger finishedDuringResize = new AtomicInteger();
    AtomicReference<Throwable> candidateFailure = new AtomicReference<>();
    boolean stopped;
    try {
      resizer.start();
      stopped = awaitStopOrEnd(gate, resizer);
      if (stopped) {
        for (int j = 0; j < CANDIDATES; j++) {
          Key key = new Key(1000 + j, null);
          Thread t =
              new Thread(
                  () -> {
                    try {
                      if (set.add(key)) {
                        added.add(key);
                      }
                      if (gate.release.getCount() > 0) {
                        finishedDuringResize.incrementAndGet();
                      }
                    } catch (Throwable e) {
                      candidateFailure.compareAndSet(null, e);
                    }
                  },
                  name + "-add-" + key);
          t.setDaemon(true);
          candidates.add(t);
          t.start();
        }
        awaitFinishedOrWaiting(candidates);
      }
    } finally {
      gate.release.countDown();
      List<Thread> all = new ArrayList<>(candidates);
      all.add(resizer);
      for (Thread t : all) {
        t.join(TimeUnit.SECONDS.toMillis(60));
      }
      String leaked = Workers.stop(name, all);
      if (!leaked.isEmpty()) {
        throw new AssertionError(name + ": operations did not finish after the resize" + leaked);
      }
    }
    if (resizerFailure.get() != null) {
      throw new AssertionError(
          name
              + ": an add that resized the table failed while other threads added keys during"
              + " the copy (a resize must hold every lock, so that nobody writes to the table it"
              + " is copying)",
          resizerFailure.get());
    }
    if (candidateFailure.get() != null) {
      throw new AssertionError(
          name + ": an add made while another thread was resizing failed", candidateFailure.get());
    }
    if (added.size() != (stopped ? CANDIDATES : 0)) {
      throw new AssertionError(
          name + ": adds of fresh keys returned false: " + added.size() + " of " + CANDIDATES);
    }
    List<Key> lost = new ArrayList<>();
    for (Key key : residents) {
      if (!set.contains(key)) {
        lost.add(key);
      }
    }
    for (Key key : added) {
      if (!set.contains(key)) {
        lost.add(key);
      }
    }
    if (!lost.isEmpty()) {
      throw new AssertionError(
          name
              + ": keys lost by a resize: "
              + lost
              + " (add returned true, contains now says false; "
              + finishedDuringResize.get()
              + " of "
              + CANDIDATES
              + " adds completed while a resize was copying the table). A resize must hold every"
              + " lock while it copies, and re-check that nobody resized meanwhile: an add on"
              + " another stripe writes into the old table, or starts a resize whose table the"
              + " first one then overwrites.");
    }
  }

  /** True once the resizer is stopped inside a resize; false if it added every key without. */
  private static boolean awaitStopOrEnd(Gate gate, Thread resizer) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() - deadline < 0) {
      if (gate.entered.await(5, TimeUnit.MILLISECONDS)) {
        return true;
      }
      if (!resizer.isAlive()) {
        // No rehash seen (an implementation may cache hash codes): nothing to stop, and the
        // contents are still checked.
        return gate.entered.getCount() == 0;
      }
    }
    throw new AssertionError(
        "the resizer neither finished nor reached a resize\n" + Workers.dump(List.of(resizer)));
  }

  /** Waits without a clock for each thread to finish or wait for a lock (a spinner: 60 s bound). */
  private static void awaitFinishedOrWaiting(List<Thread> threads) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() - deadline < 0) {
      boolean settled = true;
      for (Thread t : threads) {
        Thread.State s = t.getState();
        if (s != Thread.State.TERMINATED
            && s != Thread.State.WAITING
            && s != Thread.State.BLOCKED) {
          settled = false;
          break;
        }
      }
      if (settled) {
        return;
      }
      Thread.sleep(5);
    }
  }

  /**
   * Stops the resizer thread inside its first resize: when, during one add, it has called {@code
   * hashCode} on every key already in the set (only a resize does that), it waits for {@link
   * #release}. Fields other than the latches are used by the resizer thread only.
   */
  static final class Gate {
    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    volatile Thread resizer;
    private final Set<Key> residents = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Set<Key> rehashed = Collections.newSetFromMap(new IdentityHashMap<>());

    void beginAdd() {
      rehashed.clear();
    }

    void resident(Key key) {
      residents.add(key);
    }

    void hashed(Key key) {
      if (Thread.currentThread() != resizer
          || entered.getCount() == 0
          || !residents.contains(key)) {
        return;
      }
      rehashed.add(key);
      if (residents.size() >= 2 && rehashed.size() == residents.size()) {
        entered.countDown();
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }

  /**
   * A key with a chosen hash code whose {@code hashCode} calls the gate sees; equal only to itself.
   */
  static final class Key {
    private final int hash;
    private final Gate gate;

    Key(int hash, Gate gate) {
      this.hash = hash;
      this.gate = gate;
    }

    @Override
    public int hashCode() {
      if (gate != null) {
        gate.hashed(this);
      }
      return hash;
    }

    @Override
    public boolean equals(Object o) {
      return o == this;
    }

    @Override
    public String toString() {
      return "Key(" + hash + ")";
    }
  }
}
