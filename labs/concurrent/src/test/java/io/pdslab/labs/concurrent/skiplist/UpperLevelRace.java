package io.pdslab.labs.concurrent.skiplist;

import io.pdslab.harness.perf.Workers;
import io.pdslab.labs.concurrent.given.ConcurrentSet;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * A remove that takes a lock-free skip list's new node out while its {@code add} is still linking
 * the node's upper levels, forced on real threads without timing anything: the adding thread is
 * stopped in its key comparisons (a {@link CompareGate}), the check first makes the add's view of
 * level 1 stale, so that linking level 1 fails and the add searches again, and it removes the key
 * as soon as it is in the set while the add is stopped in that search. The add was linked at the
 * bottom level, so it took effect: it must answer true, whatever it finds when it goes on.
 */
enum UpperLevelRace {
  /**
   * The key's level-1 successor is removed meanwhile: the add finds a new successor and must set
   * its own, now marked, link to it.
   */
  SUCCESSOR_REMOVED {
    @Override
    void prepare(ConcurrentSet<GatedKey> set, Keys keys) {
      keys.other = keys.key(GatedKey.withTopLevel(1, keys.added.hashCode() + 1));
      add(set, keys.other);
    }

    @Override
    void change(ConcurrentSet<GatedKey> set, Keys keys) {
      if (!set.remove(keys.other)) {
        throw new AssertionError("remove(" + keys.other + ") of a present key returned false");
      }
    }

    @Override
    void assertRest(ConcurrentSet<GatedKey> set, Keys keys, String name) {
      if (set.contains(keys.other)) {
        throw new AssertionError(name + ": the removed key " + keys.other + " is still there");
      }
    }
  },

  /**
   * A node is inserted before the key on level 1 meanwhile: the add's successor there is unchanged
   * but its predecessor is not, so only the mark on its own link tells it that it was removed.
   */
  PREDECESSOR_ADDED {
    @Override
    void prepare(ConcurrentSet<GatedKey> set, Keys keys) {
      keys.other = keys.key(GatedKey.withTopLevel(0, keys.inserted.hashCode() + 1));
      add(set, keys.other);
    }

    @Override
    void change(ConcurrentSet<GatedKey> set, Keys keys) {
      add(set, keys.inserted);
    }

    @Override
    void assertRest(ConcurrentSet<GatedKey> set, Keys keys, String name) {
      if (!set.contains(keys.other) || !set.contains(keys.inserted)) {
        throw new AssertionError(
            name + ": keys " + keys.other + " and " + keys.inserted + " must still be there");
      }
    }
  };

  /**
   * Bound on the whole check; the stops themselves are bounded by {@link
   * io.pdslab.labs.concurrent.StopPoint#WAIT}.
   */
  static final Duration TIMEOUT = Duration.ofSeconds(30);

  /** The keys of one run; all share one gate. */
  static final class Keys {
    final CompareGate gate = new CompareGate();

    /** Inserted on level 1 before {@link #added} in {@link #PREDECESSOR_ADDED}. */
    final GatedKey inserted = key(GatedKey.withTopLevel(1, 100));

    /** The key the stopped thread adds: a tower of two levels, after both others of this run. */
    final GatedKey added = key(GatedKey.withTopLevel(1, 1_000));

    /** Present before the add: its level-1 successor, or its level-0 predecessor. */
    GatedKey other;

    GatedKey key(int value) {
      return new GatedKey(value, gate);
    }
  }

  /** Puts in the keys the set holds before the add. */
  abstract void prepare(ConcurrentSet<GatedKey> set, Keys keys);

  /** Changes the set while the add is stopped in its first search. */
  abstract void change(ConcurrentSet<GatedKey> set, Keys keys);

  /** Checks the keys other than the added one. */
  abstract void assertRest(ConcurrentSet<GatedKey> set, Keys keys, String name);

  /** Runs the race on a fresh set from {@code factory}; fails with what went wrong. */
  void check(String name, Supplier<ConcurrentSet<GatedKey>> factory) {
    ConcurrentSet<GatedKey> set = factory.get();
    Keys keys = new Keys();
    prepare(set, keys);
    GatedKey k = keys.added;
    AtomicBoolean addReturned = new AtomicBoolean();
    AtomicReference<Boolean> added = new AtomicReference<>();
    AtomicReference<Boolean> removed = new AtomicReference<>();
    Workers.run(
        name,
        2,
        TIMEOUT,
        i -> {
          if (i == 0) {
            keys.gate.watch(Thread.currentThread());
            added.set(set.add(k));
            addReturned.set(true);
            return;
          }
          if (!keys.gate.awaitPause(addReturned::get)) {
            throw new AssertionError(
                name + ": add(" + k + ") returned without comparing its key with the others");
          }
          change(set, keys);
          keys.gate.resume();
          while (keys.gate.awaitPause(addReturned::get)) {
            if (set.contains(k)) {
              removed.set(set.remove(k));
              keys.gate.openAndResume();
              return;
            }
            keys.gate.resume();
          }
        });
    if (Boolean.FALSE.equals(removed.get())) {
      throw new AssertionError(
          name + ": contains(" + k + ") was true, then remove(" + k + ") returned false");
    }
    if (Boolean.TRUE.equals(removed.get()) && !added.get()) {
      throw new AssertionError(
          name
              + ": add("
              + k
              + ") returned false although remove("
              + k
              + "), called while the add was still linking the upper levels of its tower, found"
              + " the key and removed it: once the node is linked at the bottom level the add has"
              + " taken effect, and a remover that marks the tower meanwhile only ends the linking;"
              + " the add must still answer true");
    }
    boolean expected = removed.get() == null && added.get();
    if (set.contains(k) != expected) {
      throw new AssertionError(
          name + ": after the race, contains(" + k + ") should be " + expected + ", is not");
    }
    assertRest(set, keys, name);
  }

  private static void add(ConcurrentSet<GatedKey> set, GatedKey key) {
    if (!set.add(key)) {
      throw new AssertionError("add(" + key + ") into a set without it returned false");
    }
  }
}
