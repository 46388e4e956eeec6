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
  private final Simulation sim;
  private final String node;
  private final TreeMap<String, byte[]> durable = new TreeMap<>();
  private final List<Batch> unsynced = new ArrayList<>();

  private record Batch(long time, TreeMap<String, byte[]> entries) {}

  NodeStorage(Simulation sim, String node) {
    this.sim = sim;
    this.node = node;
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
        if (!sim.isCurrentIncarnation(node, incarnation)) {
          sim.traceLog(node, "zombie write discarded: " + new TreeMap<>(entries).keySet());
          return;
        }
        TreeMap<String, byte[]> copy = new TreeMap<>();
        entries.forEach((k, v) -> copy.put(k, v.clone()));
        unsynced.add(new Batch(sim.now(), copy));
        syncOlderThan(sim.now() - sim.storageSyncDelayMs());
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
    syncOlderThan(loseUnsynced ? sim.now() - sim.storageSyncDelayMs() : Long.MAX_VALUE);
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
