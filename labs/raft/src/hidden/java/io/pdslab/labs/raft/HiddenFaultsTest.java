package io.pdslab.labs.raft;

import io.pdslab.harness.junit.SimulationTest;
import io.pdslab.harness.sim.Simulation;
import io.pdslab.labs.raft.testing.RaftCluster;

/** Grader-only scenarios: faults the public tests do not show. */
class HiddenFaultsTest {

  /** The network delivers some messages twice: replies and requests must be idempotent. */
  @SimulationTest
  void duplicatedMessages(Simulation sim) {
    int n = 5;
    RaftCluster cfg = new RaftCluster(sim, n, false, false);
    sim.network().duplicateRate(0.2);
    for (int i = 0; i < 30; i++) {
      cfg.one(1000 + i, 1, true);
      if (i % 10 == 5) {
        int leader = cfg.checkOneLeader();
        cfg.disconnect(leader);
        cfg.one(2000 + i, n - 1, true);
        cfg.connect(leader);
      }
    }
    cfg.setReliable(true);
    sim.network().duplicateRate(0);
    cfg.one(3000, n, true);
    cfg.end();
  }

  /**
   * The leader can send but not receive: followers hear its heartbeats but it never hears their
   * replies, so it cannot commit; the cluster must still make progress once the link heals.
   */
  @SimulationTest
  void oneWayLinksToTheLeader(Simulation sim) {
    int n = 3;
    RaftCluster cfg = new RaftCluster(sim, n, true, false);
    cfg.one(1, n, true);
    int leader = cfg.checkOneLeader();
    for (int i = 0; i < n; i++) {
      if (i != leader) {
        sim.cutLink(RaftCluster.id(i), RaftCluster.id(leader));
      }
    }
    cfg.raft(leader).start(2);
    cfg.runFor(3_000);
    for (int i = 0; i < n; i++) {
      if (i != leader) {
        sim.restoreLink(RaftCluster.id(i), RaftCluster.id(leader));
      }
    }
    cfg.one(3, n, true);
    cfg.end();
  }

  /** Leaders crash and restart while a majority keeps working, many times over. */
  @SimulationTest
  void leaderCrashLoop(Simulation sim) {
    int n = 5;
    RaftCluster cfg = new RaftCluster(sim, n, true, false);
    for (int i = 0; i < 15; i++) {
      cfg.one(100 + i, n - 1, true);
      int leader = cfg.checkOneLeader();
      cfg.crash1(leader);
      cfg.one(200 + i, n - 1, true);
      cfg.start1(leader);
    }
    cfg.one(999, n, true);
    cfg.end();
  }
}
