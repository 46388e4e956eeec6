package io.pdslab.labs.raft;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pdslab.harness.junit.SimulationTest;
import io.pdslab.harness.sim.Simulation;
import io.pdslab.labs.raft.given.RaftMessage.InstallSnapshotReply;
import io.pdslab.labs.raft.given.RaftState;
import io.pdslab.labs.raft.testing.RaftCluster;

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

  /** How much higher than the leader's term the injected snapshot reply's term is. */
  private static final int TERMS_AHEAD = 10;

  /** Virtual time the leader gets to step down after the reply arrives. */
  private static final int STEP_DOWN_WITHIN_MS = 50;

  private static int rand(RaftCluster cfg) {
    return cfg.random().nextInt(1_000_000_000);
  }
}
