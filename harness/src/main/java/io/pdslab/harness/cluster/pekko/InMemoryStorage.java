package io.pdslab.harness.cluster.pekko;

import io.pdslab.harness.node.StableStorage;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Storage of the driver's clients, which keep nothing across runs. */
final class InMemoryStorage implements StableStorage {
  private final Map<String, byte[]> entries = new TreeMap<>();

  @Override
  public synchronized Optional<byte[]> read(String key) {
    return Optional.ofNullable(entries.get(key));
  }

  @Override
  public synchronized void write(Map<String, byte[]> changes) {
    entries.putAll(changes);
  }

  @Override
  public synchronized long sizeBytes() {
    return entries.values().stream().mapToLong(v -> v.length).sum();
  }
}
