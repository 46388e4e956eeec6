package io.pdslab.labs.raft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pdslab.harness.junit.SimulationTest;
import io.pdslab.harness.sim.Simulation;
import io.pdslab.labs.raft.testing.RaftCluster;
import java.time.Duration;

/** Part A: leader election. */
class ElectionTest {

  @SimulationTest
  void initialElection(Simulation sim) {
    RaftCluster cfg = new RaftCluster(sim, 3, true, false);
    cfg.checkOneLeader();
    cfg.runFor(50);
    int term1 = cfg.checkTerms();
    assertTrue(term1 >= 1, "term is " + term1 + ", but should be at least 1");

    // Without failures the leader keeps its term and sends at most 10 heartbeats/s per peer.
    long sent = cfg.sent("AppendEntries");
    cfg.runFor(2_000);
    long heartbeats = cfg.sent("AppendEntries") - sent;
    assertTrue(heartbeats <= 2 * 10 * 2 + 2, heartbeats + " heartbeats to 2 peers in 2 s");
    assertTrue(heartbeats >= 2 * 2, "a leader must send heartbeats, sent " + heartbeats);
    assertEquals(term1, cfg.checkTerms(), "term changed even though there were no failures");
    cfg.checkOneLeader();
    cfg.end();
  }

  @SimulationTest
  void reElection(Simulation sim) {
    RaftCluster cfg = new RaftCluster(sim, 3, true, false);
    int leader1 = cfg.checkOneLeader();

    cfg.disconnect(leader1);
    cfg.checkOneLeader();

    // The old leader rejoins: it must not disturb the new one.
    cfg.connect(leader1);
    int leader2 = cfg.checkOneLeader();

    // No quorum: no leader.
    cfg.disconnect(leader2);
    cfg.disconnect((leader2 + 1) % 3);
    cfg.runFor(2_000);
    cfg.checkNoLeader();

    cfg.connect((leader2 + 1) % 3);
    cfg.checkOneLeader();
    cfg.connect(leader2);
    cfg.checkOneLeader();
    cfg.end();
  }

  @SimulationTest
  void manyElections(Simulation sim) {
    int n = 7;
    RaftCluster cfg = new RaftCluster(sim, n, true, false);
    cfg.checkOneLeader();
    for (int iter = 0; iter < 10; iter++) {
      int i1 = cfg.random().nextInt(n);
      int i2 = cfg.random().nextInt(n);
      int i3 = cfg.random().nextInt(n);
      cfg.disconnect(i1);
      cfg.disconnect(i2);
      cfg.disconnect(i3);
      // Four or more remain connected: a quorum.
      cfg.checkOneLeader();
      cfg.connect(i1);
      cfg.connect(i2);
      cfg.connect(i3);
    }
    cfg.checkOneLeader();
    cfg.end();
  }

  /**
   * A deposed leader whose incoming links are cut keeps sending heartbeats of its old term forever.
   * The others must reject them without resetting their election timers: otherwise, once the real
   * leader fails, those stale heartbeats hold off every election.
   */
  @SimulationTest
  void deposedLeaderThatCannotHear(Simulation sim) {
    int n = 5;
    RaftCluster cfg = new RaftCluster(sim, n, true, false);
    int deposed = cfg.checkOneLeader();
    cfg.disconnect(deposed);
    int leader2 = cfg.checkOneLeader();
    for (int i = 0; i < n; i++) {
      if (i != deposed) {
        sim.restoreLink(RaftCluster.id(deposed), RaftCluster.id(i));
      }
    }
    cfg.runFor(1_000);
    cfg.crash1(leader2);
    boolean elected =
        sim.tryRunUntil(
            () -> {
              for (int i = 0; i < n; i++) {
                if (i != deposed && cfg.isUp(i) && cfg.raft(i).getState().isLeader()) {
                  return true;
                }
              }
              return false;
            },
            Duration.ofSeconds(5));
    if (!elected) {
      throw sim.fail(
          "liveness: no leader within 5 s after "
              + RaftCluster.id(leader2)
              + " crashed, while "
              + RaftCluster.id(deposed)
              + ", a deposed leader that cannot hear the others, kept sending AppendEntries of its"
              + " old term "
              + cfg.raft(deposed).getState().term()
              + ": reject a stale-term AppendEntries without resetting the election timer, or one"
              + " server with a broken incoming link stops the whole cluster");
    }
    cfg.one(101, 3, true);
    cfg.end();
  }
}
