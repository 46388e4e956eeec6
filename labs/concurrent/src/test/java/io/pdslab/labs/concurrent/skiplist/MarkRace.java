package io.pdslab.labs.concurrent.skiplist;

import io.pdslab.harness.perf.Workers;
import io.pdslab.harness.structure.RedirectedCopy;
import io.pdslab.labs.concurrent.given.ConcurrentSet;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Two removes of one key in a lock-based skip list, the loser stopped (by {@link NodeLockWatch})
 * just before its first lock while the winner removes the key: the loser then locks a node that is
 * already marked, must answer false, and must not keep any lock. A lock it keeps is held by a
 * thread that has moved on: the next operation that needs that node (as its predecessor, say) waits
 * forever, long after the remove that caused it.
 */
final class MarkRace {
  /**
   * Bound on the whole check; the stop itself is bounded by {@link
   * io.pdslab.labs.concurrent.StopPoint#WAIT}.
   */
  static final Duration TIMEOUT = Duration.ofSeconds(30);

  private MarkRace() {}

  /** Runs the race on a copy of {@code type} whose node locks are watched. */
  static void assertLoserReleasesItsLocks(String name, Class<?> type) {
    ConcurrentSet<Integer> set = watchedCopy(type);
    int key = 20;
    for (int k : new int[] {10, key, 30}) {
      set.add(k);
    }
    AtomicBoolean loserReturned = new AtomicBoolean();
    AtomicReference<Boolean> loserRemoved = new AtomicReference<>();
    AtomicReference<Boolean> winnerRemoved = new AtomicReference<>();
    AtomicInteger stillHeld = new AtomicInteger();
    Workers.run(
        name,
        2,
        TIMEOUT,
        i -> {
          if (i == 0) {
            NodeLockWatch.watch(Thread.currentThread());
            loserRemoved.set(set.remove(key));
            stillHeld.set(NodeLockWatch.held());
            loserReturned.set(true);
            return;
          }
          if (!NodeLockWatch.awaitPause(loserReturned::get)) {
            throw new AssertionError(
                name
                    + ": remove("
                    + key
                    + ") of a present key returned without taking a node lock: this check"
                    + " watches the nodes' locks, so keep the given Node's ReentrantLock");
          }
          winnerRemoved.set(set.remove(key));
          NodeLockWatch.resume();
        });
    if (winnerRemoved.get() == loserRemoved.get()) {
      throw new AssertionError(
          name
              + ": two removes of "
              + key
              + ", added once, both returned "
              + winnerRemoved.get()
              + ": exactly one of them must remove it");
    }
    if (stillHeld.get() > 0) {
      throw new AssertionError(
          name
              + ": a remove("
              + key
              + ") that was overtaken before its first lock (another remove took the key"
              + " meanwhile) returned "
              + loserRemoved.get()
              + " but still holds "
              + stillHeld.get()
              + " node lock(s): the next operation that needs that node's lock waits forever;"
              + " release every lock you took on every way out of remove");
    }
    if (set.contains(key) || !set.contains(10) || !set.contains(30)) {
      throw new AssertionError(name + ": after the race the set should hold 10 and 30 only");
    }
  }

  @SuppressWarnings("unchecked")
  private static ConcurrentSet<Integer> watchedCopy(Class<?> type) {
    try {
      Class<?> copy =
          RedirectedCopy.of(
              type,
              Map.of(ReentrantLock.class, NodeLockWatch.class, Lock.class, NodeLockWatch.class));
      return (ConcurrentSet<Integer>) copy.getDeclaredConstructor().newInstance();
    } catch (IllegalArgumentException e) {
      throw new AssertionError(
          type.getSimpleName()
              + " takes no Lock: this check watches the nodes' locks, so keep the given Node's"
              + " ReentrantLock",
          e);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot create a watched copy of " + type.getName(), e);
    }
  }
}
