package io.pdslab.labs.raft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pdslab.labs.raft.given.ApplyMsg;
import io.pdslab.labs.raft.given.LogEntry;
import io.pdslab.labs.raft.given.Message;
import io.pdslab.labs.raft.given.Persister;
import io.pdslab.labs.raft.given.RaftMessage.AppendEntries;
import io.pdslab.labs.raft.given.RaftMessage.AppendEntriesReply;
import io.pdslab.labs.raft.given.RaftMessage.ElectionTimeout;
import io.pdslab.labs.raft.given.RaftMessage.RequestVote;
import io.pdslab.labs.raft.given.RaftMessage.RequestVoteReply;
import io.pdslab.labs.raft.given.RaftNode;
import io.pdslab.labs.raft.given.RaftState;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.BehaviorTestKit;
import org.junit.jupiter.api.Test;

/** Raft's handlers driven one message at a time, without a network. */
class RaftHandlersTest {
  private final List<ApplyMsg> applied = new ArrayList<>();
  private final Raft[] raft = new Raft[1];

  private BehaviorTestKit<Message> boot(FakeEnv env) {
    return BehaviorTestKit.create(RaftNode.create(env, applied::add, r -> raft[0] = r));
  }

  private static FakeEnv env(FakeEnv.MemoryStorage storage) {
    return new FakeEnv("n0", List.of("n1", "n2"), storage);
  }

  private static List<LogEntry> entries(int... terms) {
    List<LogEntry> out = new ArrayList<>();
    for (int t : terms) {
      out.add(new LogEntry(t, "cmd" + out.size()));
    }
    return out;
  }

  @Test
  void electionTimeoutStartsAnElectionAndMajorityMakesALeader() {
    FakeEnv env = env(new FakeEnv.MemoryStorage());
    BehaviorTestKit<Message> kit = boot(env);
    kit.run(new ElectionTimeout());
    List<RequestVote> requests = env.drain(RequestVote.class);
    assertEquals(2, requests.size());
    assertEquals(1, requests.get(0).term());
    kit.run(new RequestVoteReply(1, true, "n1"));
    assertEquals(new RaftState(1, true), raft[0].getState());
    assertEquals(2, env.drain(AppendEntries.class).size(), "a new leader sends heartbeats at once");
  }

  @Test
  void votesOnlyOncePerTermAndOnlyForUpToDateLogs() {
    FakeEnv env = env(new FakeEnv.MemoryStorage());
    BehaviorTestKit<Message> kit = boot(env);
    kit.run(new AppendEntries(2, "n1", 0, 0, entries(1, 2), 0));
    env.drain(AppendEntriesReply.class);

    kit.run(new RequestVote(3, "n2", 5, 1));
    assertFalse(env.drain(RequestVoteReply.class).get(0).voteGranted(), "older last term");
    kit.run(new RequestVote(3, "n2", 1, 2));
    assertFalse(env.drain(RequestVoteReply.class).get(0).voteGranted(), "shorter log");
    kit.run(new RequestVote(3, "n2", 2, 2));
    assertTrue(env.drain(RequestVoteReply.class).get(0).voteGranted());
    kit.run(new RequestVote(3, "n1", 9, 3));
    assertFalse(env.drain(RequestVoteReply.class).get(0).voteGranted(), "already voted in 3");
  }

  @Test
  void appendEntriesTruncatesConflictsAndReportsFastBackupHints() {
    FakeEnv env = env(new FakeEnv.MemoryStorage());
    BehaviorTestKit<Message> kit = boot(env);
    kit.run(new AppendEntries(2, "n1", 0, 0, entries(1, 1, 2, 2, 2), 0));
    assertTrue(env.drain(AppendEntriesReply.class).get(0).success());

    kit.run(new AppendEntries(3, "n2", 5, 3, List.of(), 0));
    AppendEntriesReply mismatch = env.drain(AppendEntriesReply.class).get(0);
    assertFalse(mismatch.success());
    assertEquals(2, mismatch.conflictTerm());
    assertEquals(3, mismatch.conflictIndex(), "first index of the conflicting term");

    kit.run(new AppendEntries(3, "n2", 9, 3, List.of(), 0));
    AppendEntriesReply tooShort = env.drain(AppendEntriesReply.class).get(0);
    assertEquals(-1, tooShort.conflictTerm());
    assertEquals(6, tooShort.conflictIndex());

    kit.run(new AppendEntries(3, "n2", 2, 1, entries(3), 3));
    AppendEntriesReply ok = env.drain(AppendEntriesReply.class).get(0);
    assertTrue(ok.success());
    assertEquals(3, ok.matchIndex());
    assertEquals(3, applied.size());
    assertEquals(ApplyMsg.command("cmd0", 3), applied.get(2), "entry 3 is now the leader's");
  }

  @Test
  void restartRestoresTermVoteAndLog() {
    FakeEnv.MemoryStorage storage = new FakeEnv.MemoryStorage();
    FakeEnv env = env(storage);
    BehaviorTestKit<Message> kit = boot(env);
    kit.run(new AppendEntries(4, "n1", 0, 0, entries(4, 4), 0));
    kit.run(new RequestVote(5, "n2", 2, 4));
    assertTrue(env.drain(RequestVoteReply.class).get(0).voteGranted());

    FakeEnv env2 = env(storage.copy());
    BehaviorTestKit<Message> kit2 = boot(env2);
    assertEquals(new RaftState(5, false), raft[0].getState());
    kit2.run(new RequestVote(5, "n1", 9, 9));
    assertFalse(env2.drain(RequestVoteReply.class).get(0).voteGranted(), "votedFor survived");
    kit2.run(new AppendEntries(5, "n2", 2, 4, List.of(), 2));
    assertTrue(env2.drain(AppendEntriesReply.class).get(0).success(), "the log survived");
    assertEquals(2, applied.size());
  }

  @Test
  void snapshotTrimsTheLogAndIsReplayedAfterRestart() {
    FakeEnv.MemoryStorage storage = new FakeEnv.MemoryStorage();
    BehaviorTestKit<Message> kit = boot(env(storage));
    kit.run(new AppendEntries(1, "n1", 0, 0, entries(1, 1, 1), 3));
    int before = new Persister(storage).raftStateSize();
    raft[0].snapshot(2, new byte[] {7});
    assertTrue(new Persister(storage).raftStateSize() < before);

    applied.clear();
    boot(env(storage.copy()));
    assertEquals(List.of(ApplyMsg.snapshot(new byte[] {7}, 1, 2)), applied);
  }
}
