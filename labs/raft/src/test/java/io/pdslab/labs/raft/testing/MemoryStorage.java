package io.pdslab.labs.raft.testing;

import io.pdslab.harness.node.StableStorage;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** In-memory stable storage; a restarted node gets a {@link #copy()}. */
public final class MemoryStorage implements StableStorage {
  private final Map<String, byte[]> data = new TreeMap<>();

  @Override
  public Optional<byte[]> read(String key) {
    return Optional.ofNullable(data.get(key)).map(byte[]::clone);
  }

  @Override
  public void write(Map<String, byte[]> entries) {
    entries.forEach((k, v) -> data.put(k, v.clone()));
  }

  @Override
  public long sizeBytes() {
    return data.values().stream().mapToLong(v -> v.length).sum();
  }

  /** What a node restarted after a crash sees: a copy, so a zombie cannot write into it. */
  public MemoryStorage copy() {
    MemoryStorage c = new MemoryStorage();
    c.write(data);
    return c;
  }
}
