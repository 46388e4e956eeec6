package io.pdslab.harness.sim;

import io.pdslab.harness.node.StableStorage;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The disk of one simulated node across its incarnations. Each incarnation gets its own {@link
 * StableStorage} view; writes through the view of a crashed (zombie) incarnation are discarded.
 * Writes younger than the simulation's sync delay are lost at a crash, as whole batches.
 */
final class NodeStorage {
  private final Kernel kernel;
  private final SimNode owner;
  private final String node;
  private final Settings settings;
  private final TreeMap<String, byte[]> durable = new TreeMap<>();
  private final List<Batch> unsynced = new ArrayList<>();

  private record Batch(long time, TreeMap<String, byte[]> entries) {}

  /** What all disks of a simulation share. */
  static final class Settings {
    /** Writes become durable only this long after they were made (see crash). */
    long syncDelayMs;
  }

  NodeStorage(Kernel kernel, SimNode owner, Settings settings) {
    this.kernel = kernel;
    this.owner = owner;
    this.node = owner.id();
    this.settings = settings;
  }

  /** The storage view of incarnation {@code incarnation}. */
  StableStorage view(int incarnation) {
    return new StableStorage() {
      @Override
      public Optional<byte[]> read(String key) {
        return NodeStorage.this.read(key);
      }

      @Override
      public void write(Map<String, byte[]> entries) {
        if (!owner.isCurrent(incarnation)) {
          kernel.trace().log(node, "zombie write discarded: " + new TreeMap<>(entries).keySet());
          return;
        }
        TreeMap<String, byte[]> copy = new TreeMap<>();
        entries.forEach((k, v) -> copy.put(k, v.clone()));
        unsynced.add(new Batch(kernel.now(), copy));
        syncOlderThan(kernel.now() - settings.syncDelayMs);
      }

      @Override
      public long sizeBytes() {
        return NodeStorage.this.sizeBytes();
      }

      @Override
      public String toString() {
        return "storage of " + node + " (incarnation " + incarnation + ")";
      }
    };
  }

  /** A read-only view of the disk as the next incarnation would see it now, for tests. */
  StableStorage readOnlyView() {
    return new StableStorage() {
      @Override
      public Optional<byte[]> read(String key) {
        return NodeStorage.this.read(key);
      }

      @Override
      public void write(Map<String, byte[]> entries) {
        throw new UnsupportedOperationException("the test's view of " + node + " is read-only");
      }

      @Override
      public long sizeBytes() {
        return NodeStorage.this.sizeBytes();
      }
    };
  }

  Optional<byte[]> read(String key) {
    for (int i = unsynced.size() - 1; i >= 0; i--) {
      byte[] v = unsynced.get(i).entries().get(key);
      if (v != null) {
        return Optional.of(v.clone());
      }
    }
    byte[] v = durable.get(key);
    return v == null ? Optional.empty() : Optional.of(v.clone());
  }

  long sizeBytes() {
    TreeMap<String, byte[]> all = new TreeMap<>(durable);
    unsynced.forEach(b -> all.putAll(b.entries()));
    return all.values().stream().mapToLong(v -> v.length).sum();
  }

  /** At a crash: keeps synced batches, loses the rest; returns how many batches were lost. */
  int crash(boolean loseUnsynced) {
    syncOlderThan(loseUnsynced ? kernel.now() - settings.syncDelayMs : Long.MAX_VALUE);
    int lost = unsynced.size();
    unsynced.clear();
    return lost;
  }

  private void syncOlderThan(long time) {
    for (Iterator<Batch> it = unsynced.iterator(); it.hasNext(); ) {
      Batch b = it.next();
      if (b.time() > time) {
        return;
      }
      durable.putAll(b.entries());
      it.remove();
    }
  }
}
