package io.pdslab.labs.replication;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pdslab.harness.jgroups.Fault;
import io.pdslab.harness.jgroups.FaultRates;
import io.pdslab.harness.junit.SimulationTest;
import io.pdslab.harness.lin.model.KvModel.Kind;
import io.pdslab.labs.replication.given.Clerk;
import io.pdslab.labs.replication.given.Clients;
import io.pdslab.labs.replication.given.Command;
import io.pdslab.labs.replication.given.Replica;
import io.pdslab.labs.replication.given.ReplicaFactory;
import io.pdslab.labs.replication.given.ReplicaGroup;
import io.pdslab.labs.replication.given.Reply;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;
import org.jgroups.stack.Protocol;
import org.junit.jupiter.api.Timeout;

/** Part B: primary-backup replication ({@link PrimaryBackupReplica}). */
@Timeout(120)
class PrimaryBackupTest {

  static ReplicaGroup group(long seed, ReplicaFactory factory) {
    return new ReplicaGroup(seed, factory, () -> new Protocol[0]);
  }

  /** Clients on every replica, a lossy network and lossy client links: linearizable, converged. */
  @SimulationTest
  void linearizableUnderFaults(long seed) throws Exception {
    try (ReplicaGroup g = group(seed, PrimaryBackupReplica::new)) {
      g.startAll(0, 3);
      g.awaitView();
      g.rates(FaultRates.lossy());
      Clients clients = new Clients(g);
      clients.start(4, 30, 3, Clerk.ClientFaults.lossy());
      clients.awaitDone();
      clients.assertLinearizable("PrimaryBackupTest#linearizableUnderFaults");
      g.awaitConverged(true);
    }
  }

  /**
   * A request sent twice to the primary, then retried at the backup that took over after the
   * primary crashed, is executed once.
   */
  @SimulationTest
  void retriedRequestExecutedOnce(long seed) throws Exception {
    try (ReplicaGroup g = group(seed, PrimaryBackupReplica::new)) {
      g.startAll(0, 3);
      g.awaitView();
      Command append = new Command(9, 1, Kind.APPEND, "q", "z");
      assertEquals(Reply.ok(""), g.replica("r0").execute(append), "the primary r0 executes it");
      assertEquals(
          Reply.ok(""), g.replica("r0").execute(append), "a duplicate gets the same reply");
      assertEquals(
          Reply.Status.NOT_PRIMARY, g.replica("r1").execute(append).status(), "r1 is a backup");
      g.crash("r0");
      g.awaitView();
      Replica r1 = g.replica("r1");
      ReplicaGroup.waiting("r1 becomes primary").until(() -> r1.execute(append).isOk());
      assertEquals(Reply.ok("z"), r1.execute(new Command(9, 2, Kind.GET, "q", null)));
      g.awaitConverged(true);
    }
  }

  /**
   * The primary's links to its backups are cut, a client writes, the primary crashes: a write the
   * primary acknowledged must be on the backup that takes over.
   */
  @SimulationTest
  void acknowledgedWritesSurvivePrimaryCrash(long seed) throws Exception {
    acknowledgedWritesSurvivePrimaryCrash(seed, PrimaryBackupReplica::new);
  }

  static void acknowledgedWritesSurvivePrimaryCrash(long seed, ReplicaFactory factory)
      throws Exception {
    try (ReplicaGroup g = group(seed, factory)) {
      g.startAll(0, 3);
      g.awaitView();
      g.net().cutOneWay("r0", "r1");
      g.net().cutOneWay("r0", "r2");
      Clients clients = new Clients(g);
      Clerk writer = clients.clerk(3, Clerk.ClientFaults.NONE); // starts at r0 (3 mod 3)
      CompletableFuture<Boolean> write = CompletableFuture.supplyAsync(() -> writer.put("x", "1"));
      ReplicaGroup.waiting("the primary forwards the write")
          .until(() -> g.net().chaos("r1").count("r0", Fault.CUT) > 0);
      try {
        await().atMost(Duration.ofSeconds(1)).until(write::isDone); // only a wrong primary answers
      } catch (ConditionTimeoutException expected) {
        // a correct primary waits for its backups
      }
      g.crash("r0");
      g.net().healCuts();
      g.awaitView();
      assertTrue(
          write.get(ReplicaGroup.WAIT.toSeconds(), TimeUnit.SECONDS),
          "the write completes at the new primary");
      clients.clerk(4, Clerk.ClientFaults.NONE).get("x");
      clients.assertLinearizable("PrimaryBackupTest#acknowledgedWritesSurvivePrimaryCrash");
    }
  }

  /** Two primaries crash, one after the other, under load: linearizable, survivors converge. */
  @SimulationTest
  void primaryCrashesUnderLoad(long seed) throws Exception {
    try (ReplicaGroup g = group(seed, PrimaryBackupReplica::new)) {
      g.startAll(0, 4);
      g.awaitView();
      g.rates(FaultRates.lossy());
      Clients clients = new Clients(g);
      clients.start(4, 40, 3, Clerk.ClientFaults.lossy());
      clients.awaitCompleted(30);
      g.crash(g.liveNames().get(0));
      clients.awaitCompleted(80);
      g.crash(g.liveNames().get(0));
      clients.awaitDone();
      clients.assertLinearizable("PrimaryBackupTest#primaryCrashesUnderLoad");
      g.awaitView();
      g.awaitConverged(true);
    }
  }
}
