package io.pdslab.labs.raft.given;

import java.util.Arrays;
import java.util.List;

/**
 * The messages Raft nodes exchange (Figure 2 of the paper, with the fast-backup hints of §5.3 in
 * {@link AppendEntriesReply}), plus their own timer ticks. Plain records: their {@code toString()}
 * is what traces show. Given, because the tester reads them: it counts RPCs and bytes per type and
 * checks every granted vote.
 */
public sealed interface RaftMessage extends Message {

  /** Election timer fired: no heartbeat from a leader for a while. */
  record ElectionTimeout() implements RaftMessage {}

  /** Leader's periodic heartbeat tick. */
  record HeartbeatTick() implements RaftMessage {}

  /** Candidate asks for a vote (Raft paper, Figure 2). */
  record RequestVote(int term, String candidateId, int lastLogIndex, int lastLogTerm)
      implements RaftMessage {}

  /** Answer to {@link RequestVote}. */
  record RequestVoteReply(int term, boolean voteGranted, String from) implements RaftMessage {}

  /** Leader replicates entries (empty for a heartbeat). */
  record AppendEntries(
      int term,
      String leaderId,
      int prevLogIndex,
      int prevLogTerm,
      List<LogEntry> entries,
      int leaderCommit)
      implements RaftMessage {
    @Override
    public String toString() {
      return "AppendEntries[term="
          + term
          + ", leader="
          + leaderId
          + ", prev="
          + prevLogIndex
          + "/"
          + prevLogTerm
          + ", entries="
          + entries.size()
          + ", commit="
          + leaderCommit
          + "]";
    }
  }

  /**
   * Answer to {@link AppendEntries}.
   *
   * @param matchIndex on success, the index of the last entry known to match the leader's log
   * @param conflictIndex on failure, where the leader should retry (fast backup)
   * @param conflictTerm on failure, the term of the conflicting entry, or -1 if the log is short
   */
  record AppendEntriesReply(
      int term, boolean success, String from, int matchIndex, int conflictIndex, int conflictTerm)
      implements RaftMessage {}

  /** Leader sends its snapshot to a follower that lags behind the leader's log start. */
  record InstallSnapshot(
      int term, String leaderId, int lastIncludedIndex, int lastIncludedTerm, byte[] data)
      implements RaftMessage {
    @Override
    public boolean equals(Object o) {
      return o instanceof InstallSnapshot s
          && term == s.term
          && leaderId.equals(s.leaderId)
          && lastIncludedIndex == s.lastIncludedIndex
          && lastIncludedTerm == s.lastIncludedTerm
          && Arrays.equals(data, s.data);
    }

    @Override
    public int hashCode() {
      return 31 * lastIncludedIndex + term;
    }

    @Override
    public String toString() {
      return "InstallSnapshot[term="
          + term
          + ", leader="
          + leaderId
          + ", last="
          + lastIncludedIndex
          + "/"
          + lastIncludedTerm
          + ", "
          + data.length
          + " B]";
    }
  }

  /** Answer to {@link InstallSnapshot}. */
  record InstallSnapshotReply(int term, String from, int lastIncludedIndex)
      implements RaftMessage {}
}
