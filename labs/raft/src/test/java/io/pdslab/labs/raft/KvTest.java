package io.pdslab.labs.raft;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pdslab.harness.junit.SimulationTest;
import io.pdslab.harness.sim.Simulation;
import io.pdslab.labs.raft.testing.KvCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Part E: a linearizable key-value service on Raft. Clients retry on other servers until they get
 * an answer; servers must execute each request once. The whole history is checked for
 * linearizability at the end.
 */
class KvTest {
  private static final int SERVERS = 5;

  @SimulationTest
  void basic(Simulation sim) {
    scenario(sim, false, false, false, -1);
  }

  /** Retries and lost answers: appends must not be applied twice. */
  @SimulationTest
  void unreliable(Simulation sim) {
    scenario(sim, true, false, false, -1);
  }

  @SimulationTest
  void unreliablePartitionsCrashes(Simulation sim) {
    scenario(sim, true, true, true, -1);
  }

  /** With snapshots: Raft's state stays bounded, and restarts install the service snapshot. */
  @SimulationTest
  void snapshotsUnreliablePartitionsCrashes(Simulation sim) {
    scenario(sim, true, true, true, 1_000);
  }

  private static void scenario(
      Simulation sim, boolean unreliable, boolean partitions, boolean crashes, int maxRaftState) {
    KvCluster kv = new KvCluster(sim, SERVERS, 3, maxRaftState);
    if (unreliable) {
      sim.network().unreliable().duplicateRate(0.05);
    }
    kv.stopClientsAfter(5_000);
    List<String> crashed = new ArrayList<>();
    for (int second = 0; second < 5; second++) {
      if (partitions) {
        if (kv.random().nextBoolean()) {
          sim.partition(kv.randomHalves());
        } else {
          sim.heal();
        }
      }
      if (crashes) {
        if (crashed.size() < SERVERS / 2 && kv.random().nextBoolean()) {
          String victim = kv.servers().get(kv.random().nextInt(SERVERS));
          if (!crashed.contains(victim)) {
            sim.crash(victim);
            crashed.add(victim);
          }
        } else if (!crashed.isEmpty()) {
          sim.restart(crashed.remove(0));
        }
      }
      sim.runFor(Duration.ofSeconds(1));
      if (maxRaftState > 0) {
        for (String s : kv.servers()) {
          int size = kv.raftStateSize(s);
          assertTrue(size <= 8 * maxRaftState, "Raft state of " + s + " is " + size + " B");
        }
      }
    }
    sim.heal();
    sim.network().reliable();
    for (String s : crashed) {
      sim.restart(s);
    }
    sim.runFor(Duration.ofSeconds(3));
    assertTrue(kv.completed() >= 20, "only " + kv.completed() + " operations completed");
    kv.checkLinearizable();
  }
}
