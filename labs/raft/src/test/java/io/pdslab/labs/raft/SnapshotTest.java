package io.pdslab.labs.raft;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pdslab.harness.junit.SimulationTest;
import io.pdslab.harness.sim.Simulation;
import io.pdslab.harness.sim.SimulationFailure;
import io.pdslab.labs.raft.given.LogEntry;
import io.pdslab.labs.raft.given.LogView;
import io.pdslab.labs.raft.given.RaftMessage.AppendEntries;
import io.pdslab.labs.raft.given.RaftMessage.AppendEntriesReply;
import io.pdslab.labs.raft.given.RaftMessage.InstallSnapshot;
import io.pdslab.labs.raft.given.RaftMessage.InstallSnapshotReply;
import io.pdslab.labs.raft.given.RaftState;
import io.pdslab.labs.raft.testing.RaftCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Part D: log compaction. The tester's service snapshots every {@value
 * RaftCluster#SNAPSHOT_INTERVAL} commands; Raft must trim its log, send snapshots to followers that
 * lag behind the log's start, and restart from snapshot plus log.
 */
class SnapshotTest {
  /** Raft's own saved state (snapshot excluded) must stay below this many bytes. */
  static final int MAX_RAFT_STATE = 2_000;

  @SimulationTest
  void snapshotBasic(Simulation sim) {
    snapshotScenario(sim, false, true, false);
  }

  @SimulationTest
  void snapshotInstall(Simulation sim) {
    snapshotScenario(sim, true, true, false);
  }

  @SimulationTest
  void snapshotInstallUnreliable(Simulation sim) {
    snapshotScenario(sim, true, false, false);
  }

  @SimulationTest
  void snapshotInstallCrash(Simulation sim) {
    snapshotScenario(sim, false, true, true);
  }

  @SimulationTest
  void snapshotInstallUnCrash(Simulation sim) {
    snapshotScenario(sim, false, false, true);
  }

  /** A follower cut off or crashed while the others compact must catch up by InstallSnapshot. */
  private static void snapshotScenario(
      Simulation sim, boolean disconnect, boolean reliable, boolean crash) {
    int n = 3;
    RaftCluster cfg = new RaftCluster(sim, n, reliable, true);
    cfg.one(rand(cfg), n, true);
    int leader1 = cfg.checkOneLeader();
    for (int i = 0; i < 30; i++) {
      int victim = (leader1 + 1) % n;
      int sender = leader1;
      if (i % 3 == 1) {
        sender = (leader1 + 1) % n;
        victim = leader1;
      }
      if (disconnect) {
        cfg.disconnect(victim);
        cfg.one(rand(cfg), n - 1, true);
      }
      if (crash) {
        cfg.crash1(victim);
        cfg.one(rand(cfg), n - 1, true);
      }
      // Enough commands to trigger a snapshot (perhaps on a non-leader: then nothing happens).
      int nn =
          RaftCluster.SNAPSHOT_INTERVAL / 2 + cfg.random().nextInt(RaftCluster.SNAPSHOT_INTERVAL);
      for (int k = 0; k < nn; k++) {
        if (cfg.isUp(sender)) {
          cfg.raft(sender).start(rand(cfg));
        }
      }
      // Let the victim fall behind the others' snapshots.
      cfg.one(rand(cfg), disconnect || crash ? n - 1 : n, true);
      for (int s = 0; s < n; s++) {
        if (cfg.isUp(s)) {
          int size = cfg.raftStateSize(s);
          assertTrue(size < MAX_RAFT_STATE, "Raft state of n" + s + " is " + size + " B");
        }
      }
      if (disconnect) {
        cfg.connect(victim);
        cfg.one(rand(cfg), n, true);
        leader1 = cfg.checkOneLeader();
      }
      if (crash) {
        cfg.start1(victim);
        cfg.one(rand(cfg), n, true);
        leader1 = cfg.checkOneLeader();
      }
    }
    cfg.end();
  }

  /** Every server crashes repeatedly; restarted from snapshots, the log index never goes back. */
  @SimulationTest
  void snapshotAllCrash(Simulation sim) {
    int n = 3;
    RaftCluster cfg = new RaftCluster(sim, n, false, true);
    cfg.one(rand(cfg), n, true);
    for (int i = 0; i < 5; i++) {
      int nn =
          RaftCluster.SNAPSHOT_INTERVAL / 2 + cfg.random().nextInt(RaftCluster.SNAPSHOT_INTERVAL);
      for (int k = 0; k < nn; k++) {
        cfg.one(rand(cfg), n, true);
      }
      int index1 = cfg.one(rand(cfg), n, true);
      for (int s = 0; s < n; s++) {
        cfg.crash1(s);
      }
      for (int s = 0; s < n; s++) {
        cfg.start1(s);
      }
      int index2 = cfg.one(rand(cfg), n, true);
      assertTrue(index2 >= index1 + 1, "index decreased from " + index1 + " to " + index2);
    }
    cfg.end();
  }

  /** A restart right after a snapshot, and a second restart, must both work. */
  @SimulationTest
  void snapshotInit(Simulation sim) {
    int n = 3;
    RaftCluster cfg = new RaftCluster(sim, n, false, true);
    cfg.one(rand(cfg), n, true);
    for (int i = 0; i < RaftCluster.SNAPSHOT_INTERVAL + 1; i++) {
      cfg.one(rand(cfg), n, true);
    }
    for (int round = 0; round < 2; round++) {
      for (int s = 0; s < n; s++) {
        cfg.crash1(s);
      }
      for (int s = 0; s < n; s++) {
        cfg.start1(s);
      }
      cfg.one(rand(cfg), n, true);
    }
    cfg.end();
  }

  /**
   * A follower answers InstallSnapshot with a higher term once it follows a newer leader: the
   * leader must step down on it as on any reply (Figure 2, all servers), or a leader whose only
   * traffic to a lagging follower is snapshots never learns that it has been replaced.
   */
  @SimulationTest
  void higherTermInASnapshotReplyDeposesLeader(Simulation sim) {
    int n = 3;
    RaftCluster cfg = new RaftCluster(sim, n, true, true);
    cfg.one(rand(cfg), n, true);
    int leader = cfg.checkOneLeader();
    int follower = (leader + 1) % n;
    int higher = cfg.raft(leader).getState().term() + TERMS_AHEAD;
    sim.send(
        RaftCluster.id(follower),
        RaftCluster.id(leader),
        new InstallSnapshotReply(higher, RaftCluster.id(follower), 0));
    cfg.runFor(STEP_DOWN_WITHIN_MS);
    RaftState s = cfg.raft(leader).getState();
    if (s.term() < higher) {
      throw sim.fail(
          "term handling: leader "
              + RaftCluster.id(leader)
              + " got an InstallSnapshot reply carrying term "
              + higher
              + " and is still in term "
              + s.term()
              + (s.isLeader() ? " as leader" : "")
              + ": a reply with a higher term makes any server adopt it and step down (Figure 2,"
              + " all servers), InstallSnapshot's reply too");
    }
    cfg.one(rand(cfg), n, true);
    cfg.end();
  }

  /**
   * A leader cut off from the majority keeps sending InstallSnapshot to a follower that lags behind
   * its snapshot; that follower has meanwhile caught up with a newer leader. It must answer the
   * stale request with its newer term (Figure 13: reply immediately if term &lt; currentTerm), or
   * the old leader, whose only contact with the rest of the cluster is that follower, leads its
   * stale term for ever and every client that finds it waits in vain.
   */
  @SimulationTest
  void aStaleInstallSnapshotIsAnsweredWithTheNewerTerm(Simulation sim) {
    int n = 3;
    RaftCluster cfg = new RaftCluster(sim, n, true, true);
    cfg.one(rand(cfg), n, true);
    int old = cfg.checkOneLeader();
    int majority = (old + 1) % n;
    int lagging = (old + 2) % n;
    int term = cfg.raft(old).getState().term();

    // The old leader compacts past the lagging follower's log, then loses the majority.
    cfg.disconnect(lagging);
    for (int i = 0; i < 2 * RaftCluster.SNAPSHOT_INTERVAL; i++) {
      cfg.one(rand(cfg), n - 1, true);
    }
    cfg.disconnect(old);
    cfg.connect(lagging);
    if (!sim.tryRunUntil(
        () -> cfg.raft(majority).getState().isLeader() && caughtUp(cfg, lagging, majority),
        Duration.ofSeconds(5))) {
      throw sim.fail(
          "liveness: "
              + RaftCluster.id(majority)
              + " and "
              + RaftCluster.id(lagging)
              + ", cut off from "
              + RaftCluster.id(old)
              + ", did not elect "
              + RaftCluster.id(majority)
              + " (the only one with every committed entry) and bring "
              + RaftCluster.id(lagging)
              + " up to date within 5 s");
    }
    int newer = cfg.raft(lagging).getState().term();

    // The old leader reaches only the lagging follower, with InstallSnapshot of its old term.
    sim.restoreLink(RaftCluster.id(old), RaftCluster.id(lagging));
    sim.restoreLink(RaftCluster.id(lagging), RaftCluster.id(old));
    cfg.checkNoLongerLeads(
        old,
        term,
        STALE_LEADER_WITHIN_MS,
        "it could reach "
            + RaftCluster.id(lagging)
            + " (term "
            + newer
            + ") again, sending it InstallSnapshot every heartbeat: a server answers an"
            + " InstallSnapshot of an older term at once with its own term (Figure 13), or a"
            + " deposed leader that reaches only such a follower never learns it was replaced");
    cfg.connect(old);
    cfg.one(rand(cfg), n, true);
    cfg.end();
  }

  /**
   * A follower whose answers to the leader are lost hears from it only through InstallSnapshot,
   * every heartbeat (the leader never learns that the snapshot arrived). That is hearing from the
   * current leader: the follower must adopt its term and reset its election timer, as for
   * AppendEntries (Figure 2, followers), or it stands for election and disrupts a healthy leader.
   */
  @SimulationTest
  void anInstallSnapshotCountsAsHearingFromTheLeader(Simulation sim) {
    int n = 3;
    RaftCluster cfg = new RaftCluster(sim, n, true, true);
    cfg.one(rand(cfg), n, true);
    int leader = cfg.checkOneLeader();
    int follower = (leader + 1) % n;
    fallBehindTheSnapshot(cfg, follower);
    sim.cutLink(RaftCluster.id(follower), RaftCluster.id(leader));
    long stood = cfg.elections(follower);
    cfg.start1(follower);
    for (int k = 0; k < QUIET_PERIODS; k++) {
      cfg.runFor(QUIET_PERIOD_MS);
      if (cfg.elections(follower) > stood) {
        throw sim.fail(
            "election timer: "
                + RaftCluster.id(follower)
                + " stood for election at term "
                + cfg.raft(follower).getState().term()
                + " although leader "
                + RaftCluster.id(leader)
                + " (term "
                + cfg.raft(leader).getState().term()
                + ") sent it InstallSnapshot every heartbeat: an InstallSnapshot from the current"
                + " leader is hearing from the leader (adopt its term, reset the election timer),"
                + " or a follower behind the leader's snapshot deposes it whenever its replies"
                + " are slow or lost");
      }
    }
    sim.restoreLink(RaftCluster.id(follower), RaftCluster.id(leader));
    cfg.one(rand(cfg), n, true);
    cfg.end();
  }

  /**
   * A follower behind the leader's snapshot answers InstallSnapshot in the leader's own term. Only
   * a <em>higher</em> term deposes a leader (Figure 2, all servers): a leader that steps down on a
   * reply of its own term gives up leadership (and its vote of that term) each time it brings a
   * follower up to date, and the cluster pays an election for each.
   */
  @SimulationTest
  void aSnapshotReplyOfTheLeadersTermKeepsItLeader(Simulation sim) {
    int n = 3;
    RaftCluster cfg = new RaftCluster(sim, n, true, true);
    cfg.one(rand(cfg), n, true);
    int leader = cfg.checkOneLeader();
    int follower = (leader + 1) % n;
    int term = cfg.raft(leader).getState().term();
    fallBehindTheSnapshot(cfg, follower);
    long elections = cfg.elections();
    cfg.start1(follower);
    for (int k = 0; k < QUIET_PERIODS; k++) {
      cfg.runFor(QUIET_PERIOD_MS);
      RaftState s = cfg.raft(leader).getState();
      if (!s.isLeader() || s.term() != term || cfg.elections() > elections) {
        throw sim.fail(
            "term handling: leader "
                + RaftCluster.id(leader)
                + " of term "
                + term
                + " is "
                + (s.isLeader() ? "leader" : "no longer leader")
                + " in term "
                + s.term()
                + " after "
                + RaftCluster.id(follower)
                + ", restarted behind its snapshot, answered InstallSnapshot in term "
                + term
                + " (elections since: "
                + (cfg.elections() - elections)
                + "): only a reply with a higher term deposes a leader, or each lagging follower"
                + " it brings up to date costs an election");
      }
    }
    cfg.one(rand(cfg), n, true);
    cfg.end();
  }

  /**
   * AppendEntries may start inside a follower's snapshot: a duplicated or delayed request, or a
   * leader whose {@code nextIndex} is behind the follower's snapshot. The entries up to the
   * snapshot's index are committed, hence the leader's too: the follower must skip them (they are
   * not a mismatch, and its log no longer holds them), append those past its log, and answer. Here
   * one request lies entirely inside the snapshot and one reaches past the follower's log.
   */
  @SimulationTest
  void appendEntriesStartingInsideTheSnapshot(Simulation sim) {
    int n = 3;
    RaftCluster cfg = new RaftCluster(sim, n, true, true);
    List<Object> replies = cfg.probe(PROBE);
    cfg.one(rand(cfg), n, true);
    int leader = cfg.checkOneLeader();
    int follower = (leader + 1) % n;
    for (int i = 0; i < RaftCluster.SNAPSHOT_INTERVAL + 2; i++) {
      cfg.one(rand(cfg), n, true);
    }
    // Two more entries that the follower does not get.
    sim.cutLink(RaftCluster.id(leader), RaftCluster.id(follower));
    cfg.one(rand(cfg), n - 1, true);
    int last = cfg.one(rand(cfg), n - 1, true);
    int term = cfg.raft(leader).getState().term();
    LogView before = cfg.raft(follower).logView();
    int snap = before.snapshotIndex();
    if (snap < 3 || last <= before.lastIndex()) {
      throw sim.fail(
          "snapshot: "
              + RaftCluster.id(follower)
              + " should have compacted its log after "
              + RaftCluster.SNAPSHOT_INTERVAL
              + " applied commands and lack entries up to "
              + last
              + ", but its log view is "
              + describe(before));
    }
    LogView leaderLog = cfg.raft(leader).logView();

    AppendEntries inside =
        new AppendEntries(
            term, PROBE, 1, 1, entries(cfg, leaderLog, 2, snap - 1), before.commitIndex());
    answered(cfg, follower, inside, replies, before, snap - 1);
    AppendEntries across =
        new AppendEntries(term, PROBE, snap - 2, 1, entries(cfg, leaderLog, snap - 1, last), last);
    answered(cfg, follower, across, replies, before, last);

    sim.restoreLink(RaftCluster.id(leader), RaftCluster.id(follower));
    cfg.one(rand(cfg), n, true);
    cfg.end();
  }

  /**
   * An InstallSnapshot may cover only a prefix of a follower's log: a duplicated or delayed
   * request, or one the leader sent before it learned how far the follower got. If the follower's
   * entry at the snapshot's last included index has the snapshot's term, the entries after it are
   * the leader's too (Log Matching): the follower must keep them (Figure 13, step 6). It may
   * already have acknowledged them, and the leader counted them toward a commit; a follower that
   * drops them on a late snapshot can leave a committed entry on fewer than a majority of servers.
   */
  @SimulationTest
  void anInstallSnapshotKeepsTheEntriesAfterIt(Simulation sim) {
    int n = 3;
    RaftCluster cfg = new RaftCluster(sim, n, true, true);
    List<Object> replies = cfg.probe(PROBE);
    cfg.one(rand(cfg), n, true);
    int leader = cfg.checkOneLeader();
    int follower = (leader + 1) % n;
    int term = cfg.raft(leader).getState().term();
    // The follower holds an entry of the leader's term, then misses a snapshot's worth.
    cfg.one(rand(cfg), n, true);
    fallBehindTheSnapshot(cfg, follower);
    LogView leaderLog = cfg.raft(leader).logView();
    int snap = leaderLog.snapshotIndex();
    int last = leaderLog.lastIndex();
    if (!cfg.raft(leader).getState().isLeader()
        || cfg.raft(leader).getState().term() != term
        || leaderLog.snapshotTerm() != term
        || snap >= last) {
      throw sim.fail(
          "test setup: "
              + RaftCluster.id(leader)
              + " should still lead term "
              + term
              + " on a reliable network, with a snapshot of that term and entries after it, but"
              + " its state is "
              + cfg.raft(leader).getState()
              + " and its log view "
              + describe(leaderLog));
    }

    // Restarted and cut off from the leader, the follower gets every entry the leader holds from
    // the probe, without learning that they are committed.
    sim.cutLink(RaftCluster.id(leader), RaftCluster.id(follower));
    cfg.start1(follower);
    LogView restarted = cfg.raft(follower).logView();
    int from = restarted.lastIndex();
    sim.send(
        PROBE,
        RaftCluster.id(follower),
        new AppendEntries(
            term,
            PROBE,
            from,
            restarted.termAt(from),
            entries(cfg, leaderLog, from + 1, last),
            restarted.commitIndex()));
    cfg.runFor(ANSWER_WITHIN_MS);
    LogView before = cfg.raft(follower).logView();
    if (before.lastIndex() != last || before.commitIndex() >= snap) {
      throw sim.fail(
          "replication: "
              + RaftCluster.id(follower)
              + ", restarted with its log up to "
              + from
              + ", got an AppendEntries of the current term "
              + term
              + " with the entries "
              + (from + 1)
              + ".."
              + last
              + " that follow it and leaderCommit "
              + restarted.commitIndex()
              + ", and now has "
              + describe(before)
              + ": it should append them (last index "
              + last
              + ") without committing them");
    }

    // The leader's snapshot arrives late: it covers only a prefix of the follower's log.
    int seen = replies.size();
    sim.send(
        PROBE,
        RaftCluster.id(follower),
        new InstallSnapshot(term, PROBE, snap, term, cfg.savedSnapshot(leader)));
    cfg.runFor(ANSWER_WITHIN_MS);
    LogView after = cfg.raft(follower).logView();
    if (after.lastIndex() < last) {
      throw sim.fail(
          "snapshot: "
              + RaftCluster.id(follower)
              + " held entries up to "
              + last
              + " (term "
              + term
              + ") and got an InstallSnapshot up to "
              + snap
              + " whose last included entry matches its own (term "
              + term
              + "); it went from "
              + describe(before)
              + " to "
              + describe(after)
              + ", dropping entries "
              + (after.lastIndex() + 1)
              + ".."
              + last
              + ". Keep the entries after the snapshot's last included one when it matches"
              + " (Figure 13, step 6): the follower may have acknowledged them and the leader"
              + " counted them toward a commit, so a late or duplicated snapshot that drops them"
              + " can leave a committed entry on fewer than a majority");
    }
    if (replies.subList(seen, replies.size()).stream()
        .noneMatch(m -> m instanceof InstallSnapshotReply)) {
      throw sim.fail(
          "snapshot: "
              + RaftCluster.id(follower)
              + " did not answer an InstallSnapshot of the current term "
              + term
              + " within "
              + ANSWER_WITHIN_MS
              + " ms: a leader learns from the reply that the follower has the snapshot");
    }

    sim.restoreLink(RaftCluster.id(leader), RaftCluster.id(follower));
    cfg.one(rand(cfg), n, true);
    cfg.end();
  }

  /**
   * Sends {@code request} to {@code follower} as if from the leader and checks that the follower
   * answers it without losing anything; a success must cover no entry the follower lacks.
   */
  private static void answered(
      RaftCluster cfg,
      int follower,
      AppendEntries request,
      List<Object> replies,
      LogView before,
      int lastSent) {
    Simulation sim = cfg.sim();
    String what =
        "an AppendEntries (prevLogIndex "
            + request.prevLogIndex()
            + ", entries up to "
            + lastSent
            + ") that starts inside its snapshot (up to "
            + before.snapshotIndex()
            + "): skip the entries the snapshot covers, which are committed and so match the"
            + " leader's, append the rest and answer";
    int seen = replies.size();
    sim.send(PROBE, RaftCluster.id(follower), request);
    try {
      cfg.runFor(ANSWER_WITHIN_MS);
    } catch (SimulationFailure e) {
      throw new SimulationFailure(
          "snapshot: " + RaftCluster.id(follower) + " failed on " + what + ": " + e.getMessage(),
          e);
    }
    List<AppendEntriesReply> answers = new ArrayList<>();
    for (Object m : replies.subList(seen, replies.size())) {
      if (m instanceof AppendEntriesReply r) {
        answers.add(r);
      }
    }
    LogView after = cfg.raft(follower).logView();
    if (answers.isEmpty()) {
      throw sim.fail("snapshot: " + RaftCluster.id(follower) + " did not answer " + what);
    }
    if (after.snapshotIndex() < before.snapshotIndex()
        || after.commitIndex() < before.commitIndex()
        || after.lastIndex() < before.lastIndex()) {
      throw sim.fail(
          "snapshot: "
              + RaftCluster.id(follower)
              + " went from "
              + describe(before)
              + " to "
              + describe(after)
              + " on "
              + what
              + "; a follower never forgets its snapshot or committed entries");
    }
    AppendEntriesReply answer = answers.get(0);
    if (answer.success() && answer.matchIndex() > after.lastIndex()) {
      throw sim.fail(
          "snapshot: "
              + RaftCluster.id(follower)
              + " answered success up to "
              + answer.matchIndex()
              + " but its log ends at "
              + after.lastIndex()
              + " after "
              + what);
    }
    if (answer.success() && after.lastIndex() < lastSent) {
      throw sim.fail(
          "snapshot: "
              + RaftCluster.id(follower)
              + " answered success but its log ends at "
              + after.lastIndex()
              + " after "
              + what);
    }
  }

  /**
   * The entries {@code from..to} as the leader would send them: its own where it holds them, else
   * the command committed there with the snapshot's term (a correct follower skips those unread).
   */
  private static List<LogEntry> entries(RaftCluster cfg, LogView leaderLog, int from, int to) {
    List<LogEntry> out = new ArrayList<>();
    for (int i = from; i <= to; i++) {
      out.add(
          leaderLog.holds(i)
              ? leaderLog.entry(i)
              : new LogEntry(leaderLog.snapshotTerm(), cfg.nCommitted(i).command()));
    }
    return out;
  }

  private static String describe(LogView v) {
    return "snapshot "
        + v.snapshotIndex()
        + ", last index "
        + v.lastIndex()
        + ", commit index "
        + v.commitIndex();
  }

  /** Whether {@code server} has committed everything {@code leader} has. */
  private static boolean caughtUp(RaftCluster cfg, int server, int leader) {
    LogView s = cfg.raft(server).logView();
    return s != null && s.commitIndex() >= cfg.raft(leader).logView().commitIndex();
  }

  /**
   * Crashes {@code follower} and commits enough commands without it that every other server's
   * snapshot passes its log's end: once restarted, it can catch up only by InstallSnapshot.
   */
  private static void fallBehindTheSnapshot(RaftCluster cfg, int follower) {
    cfg.crash1(follower);
    for (int i = 0; i < 2 * RaftCluster.SNAPSHOT_INTERVAL; i++) {
      cfg.one(rand(cfg), cfg.servers() - 1, true);
    }
  }

  /** The name of the node that stands in for a leader in injected requests and gets replies. */
  private static final String PROBE = "probe";

  /** Virtual time a follower gets to answer an injected request on a reliable network. */
  private static final int ANSWER_WITHIN_MS = 20;

  /** Virtual time a stale leader gets to hear the newer term: a few heartbeats. */
  private static final int STALE_LEADER_WITHIN_MS = 500;

  /** The periods, of {@value #QUIET_PERIOD_MS} ms each, in which no election may start. */
  private static final int QUIET_PERIODS = 10;

  private static final int QUIET_PERIOD_MS = 200;

  /** How much higher than the leader's term the injected snapshot reply's term is. */
  private static final int TERMS_AHEAD = 10;

  /** Virtual time the leader gets to step down after the reply arrives. */
  private static final int STEP_DOWN_WITHIN_MS = 50;

  private static int rand(RaftCluster cfg) {
    return cfg.random().nextInt(1_000_000_000);
  }
}
