package io.pdslab.labs.raft.given;

/**
 * What a service and the tester call on a Raft peer, on the peer's actor thread. Your {@code
 * io.pdslab.labs.raft.Raft} implements it; {@link RaftNode} feeds it messages and timer ticks.
 */
public interface RaftPeer {
  /**
   * Asks this peer to append {@code command} to the replicated log. Returns at once: the command is
   * committed later (or never), and then appears on the apply channel.
   */
  StartResult start(Object command);

  /** The current term and whether this peer believes it is the leader. */
  RaftState getState();

  /**
   * The service has taken a snapshot of everything up to and including {@code index}: Raft may
   * discard those log entries, and must save the snapshot with its state.
   */
  void snapshot(int index, byte[] snapshot);

  /**
   * <b>Tester hook</b>, not part of the service API: the tester reads it after every simulated
   * event to check Log Matching and Leader Completeness directly. Returns this peer's snapshot
   * position, log entries and commit index, as a read-only view of the log, not a copy. Returning
   * null (the handout's default) is accepted only until the first command commits, i.e. in part A;
   * from part B on the tests fail until it is filled in.
   */
  LogView logView();
}
