package io.pdslab.labs.raft.given;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.pdslab.harness.node.StableStorage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;

/**
 * Raft's view of stable storage: its own state and the service's snapshot, saved together
 * atomically (a crash never leaves one without the other). Also a JSON codec for state records.
 */
public final class Persister {
  /** Storage key of Raft's own state (term, vote, log). */
  public static final String RAFT_STATE = "raft-state";

  /** Storage key of the latest snapshot. */
  public static final String SNAPSHOT = "snapshot";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final StableStorage storage;

  public Persister(StableStorage storage) {
    this.storage = storage;
  }

  /** Saves Raft's state, keeping the current snapshot. */
  public void save(byte[] raftState) {
    storage.write(RAFT_STATE, raftState);
  }

  /** Saves Raft's state and a new snapshot atomically. */
  public void save(byte[] raftState, byte[] snapshot) {
    storage.write(Map.of(RAFT_STATE, raftState, SNAPSHOT, snapshot));
  }

  /** Raft's saved state, empty on first boot. */
  public Optional<byte[]> readRaftState() {
    return storage.read(RAFT_STATE);
  }

  /** The saved snapshot, if any. */
  public Optional<byte[]> readSnapshot() {
    return storage.read(SNAPSHOT);
  }

  /** Size of Raft's own saved state in bytes (the snapshot not included). */
  public int raftStateSize() {
    return readRaftState().map(b -> b.length).orElse(0);
  }

  /** Encodes a record (or any Jackson-serializable value) as JSON bytes. */
  public static byte[] encode(Object value) {
    try {
      return JSON.writeValueAsBytes(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Decodes bytes written by {@link #encode(Object)}. */
  public static <T> T decode(byte[] bytes, Class<T> type) {
    try {
      return JSON.readValue(bytes, type);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
