package io.pdslab.labs.raft.given;

import java.util.List;

/**
 * What the tester reads of a peer's log after every simulated event, to check Raft's Log Matching
 * and Leader Completeness properties directly (see {@link RaftPeer#logView()}, a tester hook).
 *
 * @param snapshotIndex the last index covered by the snapshot (0 without one)
 * @param snapshotTerm the term of the entry at {@code snapshotIndex} (0 without a snapshot)
 * @param entries the entries after the snapshot, from index {@code snapshotIndex + 1} on: a
 *     read-only view of the peer's own list, not a copy, since it is read after every event
 * @param commitIndex the highest index the peer knows to be committed
 */
public record LogView(
    int snapshotIndex, int snapshotTerm, List<LogEntry> entries, int commitIndex) {

  /** The last index in the log (the snapshot's if no entries follow it). */
  public int lastIndex() {
    return snapshotIndex + entries.size();
  }

  /** Whether the log still holds the entry at {@code index} (not compacted into the snapshot). */
  public boolean holds(int index) {
    return index > snapshotIndex && index <= lastIndex();
  }

  /** The entry at {@code index}; {@link #holds(int)} must be true. */
  public LogEntry entry(int index) {
    return entries.get(index - snapshotIndex - 1);
  }

  /**
   * The term at {@code index}, known for held entries and the snapshot's last index; -1 if the
   * index is compacted away or beyond the log.
   */
  public int termAt(int index) {
    if (index == snapshotIndex) {
      return snapshotTerm;
    }
    return holds(index) ? entry(index).term() : -1;
  }
}
