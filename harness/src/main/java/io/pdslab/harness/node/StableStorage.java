package io.pdslab.harness.node;

import java.util.Map;
import java.util.Optional;

/**
 * Per-node stable storage: a map from keys to byte arrays that survives crashes. A restarted node
 * sees a COPY of what was saved before its crash; writes by the crashed (zombie) instance are
 * discarded. Callers must not mutate arrays after writing them or arrays they have read.
 */
public interface StableStorage {

  /** The bytes saved under {@code key}, if any. */
  Optional<byte[]> read(String key);

  /** Saves all entries atomically: after a crash either all of them are visible or none is. */
  void write(Map<String, byte[]> entries);

  /** Saves one entry. */
  default void write(String key, byte[] value) {
    write(Map.of(key, value));
  }

  /** Total bytes stored (sum of value lengths); labs use it to bound state size. */
  long sizeBytes();
}
