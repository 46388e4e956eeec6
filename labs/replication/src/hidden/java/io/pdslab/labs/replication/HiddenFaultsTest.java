package io.pdslab.labs.replication;

import io.pdslab.harness.jgroups.Fault;
import io.pdslab.harness.jgroups.FaultRates;
import io.pdslab.harness.junit.SimulationTest;
import io.pdslab.labs.replication.given.Clerk;
import io.pdslab.labs.replication.given.Clients;
import io.pdslab.labs.replication.given.ReplicaGroup;
import java.util.List;
import org.junit.jupiter.api.Timeout;

/** Grader-only tests: more fault patterns for parts B, C and D. */
@Timeout(120)
class HiddenFaultsTest {

  /**
   * Part B: a backup stops hearing from the primary for a while (one-way cut) under load, so the
   * primary's writes stall and time out; then the link heals: the clients' retries are executed
   * once, the history is linearizable, the replicas converge.
   */
  @SimulationTest
  void primaryBackupOneWayCut(long seed) throws Exception {
    try (ReplicaGroup g = PrimaryBackupTest.group(seed, PrimaryBackupReplica::new)) {
      g.startAll(0, 3);
      g.awaitView();
      g.rates(FaultRates.lossy());
      Clients clients = new Clients(g);
      clients.start(3, 30, 2, Clerk.ClientFaults.lossy());
      clients.awaitCompleted(15);
      g.net().cutOneWay("r0", "r2");
      ReplicaGroup.waiting("the cut stalls the primary's forwards")
          .until(() -> g.net().chaos("r2").count("r0", Fault.CUT) >= 20);
      g.net().healCuts();
      clients.awaitDone();
      clients.assertLinearizable("HiddenFaultsTest#primaryBackupOneWayCut");
      g.awaitConverged(true);
    }
  }

  /**
   * Part C: a replica crashes under load and a new incarnation joins with the group's state while
   * the load goes on: linearizable, all replicas equal (data and dedup table).
   */
  @SimulationTest
  void smrRestartedReplicaCatchesUp(long seed) throws Exception {
    try (ReplicaGroup g = TotalOrderTest.group(seed, SmrReplica::new)) {
      g.startAll(0, 3);
      g.awaitView();
      g.rates(new FaultRates(0, 0.05, 0.05, 20));
      Clients clients = new Clients(g);
      clients.start(4, 40, 3, Clerk.ClientFaults.lossy());
      clients.awaitCompleted(30);
      g.crash("r2");
      g.awaitView();
      clients.awaitCompleted(60);
      g.start("r2");
      clients.awaitDone();
      clients.assertLinearizable("HiddenFaultsTest#smrRestartedReplicaCatchesUp");
      g.awaitView();
      g.awaitConverged(true);
    }
  }

  /**
   * Part D: a 3|2 split where the primary stays on the majority side (so the merged group keeps its
   * coordinator): the minority acknowledges nothing, the history is linearizable, all converge.
   */
  @SimulationTest
  void partitionMajorityKeepsPrimary(long seed) throws Exception {
    PartitionTest.splitAndHeal(
        seed, PartitionTest.group(seed, 5), List.of("r3", "r4"), List.of("r0", "r1", "r2"));
  }

  /**
   * Part D: four replicas under load split 2|2; every replica refuses requests until the merge;
   * then the clients finish: linearizable, converged.
   */
  @SimulationTest
  void partitionEvenSplitUnderLoad(long seed) throws Exception {
    try (ReplicaGroup g = PartitionTest.group(seed, 4)) {
      g.startAll(0, 4);
      g.awaitView();
      g.rates(FaultRates.lossy());
      Clients clients = new Clients(g);
      clients.start(4, 30, 3, Clerk.ClientFaults.lossy());
      clients.awaitCompleted(15);
      g.partition(List.of("r0", "r1"), List.of("r2", "r3"));
      PartitionTest.awaitRefusals(g, g.liveNames(), 3);
      g.merge();
      clients.awaitDone();
      clients.assertLinearizable("HiddenFaultsTest#partitionEvenSplitUnderLoad");
      g.awaitConverged(true);
    }
  }
}
