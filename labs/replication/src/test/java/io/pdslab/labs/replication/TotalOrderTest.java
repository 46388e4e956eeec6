package io.pdslab.labs.replication;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pdslab.harness.jgroups.Fault;
import io.pdslab.harness.jgroups.FaultRates;
import io.pdslab.harness.jgroups.StateTransferSequencer;
import io.pdslab.harness.junit.SimulationTest;
import io.pdslab.labs.replication.given.Clerk;
import io.pdslab.labs.replication.given.Clients;
import io.pdslab.labs.replication.given.ReplicaFactory;
import io.pdslab.labs.replication.given.ReplicaGroup;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.awaitility.core.ConditionTimeoutException;
import org.jgroups.stack.Protocol;
import org.junit.jupiter.api.Timeout;

/** Part C: state-machine replication over SEQUENCER's total order ({@link SmrReplica}). */
@Timeout(120)
class TotalOrderTest {

  /**
   * Part C's total order: JGroups' SEQUENCER above GMS, in the harness's variant that forgets what
   * it delivered when a state transfer overwrites the digest (part E swaps in its own protocol).
   */
  static final Supplier<Protocol[]> SEQUENCER_STACK =
      () -> new Protocol[] {new StateTransferSequencer()};

  static ReplicaGroup group(long seed, ReplicaFactory factory) {
    return new ReplicaGroup(seed, factory, SEQUENCER_STACK);
  }

  /** Clients on every replica, lossy network and client links: linearizable, equal states. */
  @SimulationTest
  void linearizableUnderFaults(long seed) throws Exception {
    linearizableUnderFaults(group(seed, SmrReplica::new), "TotalOrderTest#linearizableUnderFaults");
  }

  /**
   * The scenario of {@link #linearizableUnderFaults(long)} on {@code group}, reported as {@code
   * test}.
   */
  static void linearizableUnderFaults(ReplicaGroup group, String test) throws Exception {
    try (ReplicaGroup g = group) {
      g.startAll(0, 3);
      g.awaitView();
      g.rates(FaultRates.lossy());
      Clients clients = new Clients(g);
      clients.start(5, 30, 3, Clerk.ClientFaults.lossy());
      clients.awaitDone();
      clients.assertLinearizable(test);
      g.awaitConverged(true);
    }
  }

  /**
   * r2 hears nothing from the sequencer for a while: a write completed at r1 must be visible to a
   * read that starts at r2 afterwards (reads are ordered too, not answered from a stale copy).
   */
  @SimulationTest
  void readsAreOrdered(long seed) throws Exception {
    readsAreOrdered(seed, SmrReplica::new);
  }

  static void readsAreOrdered(long seed, ReplicaFactory factory) throws Exception {
    try (ReplicaGroup g = group(seed, factory)) {
      g.startAll(0, 3);
      g.awaitView();
      g.net().cutOneWay("r0", "r2");
      Clients clients = new Clients(g);
      assertTrue(clients.clerkOn(1, g.replica("r1")).put("x", "1"), "the write completes at r1");
      Clerk reader = clients.clerkOn(2, g.replica("r2"));
      CompletableFuture<String> read = CompletableFuture.supplyAsync(() -> reader.get("x"));
      try {
        await().atMost(Duration.ofSeconds(1)).until(read::isDone); // only a stale read is this fast
      } catch (ConditionTimeoutException expected) {
        // an ordered read waits for r2 to catch up
      }
      long cut = g.net().chaos("r2").count("r0", Fault.CUT);
      assertTrue(cut > 0, "r0>r2 was cut");
      g.net().healCuts();
      read.get(ReplicaGroup.WAIT.toSeconds(), TimeUnit.SECONDS);
      clients.assertLinearizable("TotalOrderTest#readsAreOrdered");
      g.awaitConverged(true);
    }
  }

  /**
   * The sequencer (the coordinator) crashes under load: no command is lost or applied twice.
   * Messages are delayed and duplicated but not dropped around this crash: JGroups 5.5 has no
   * flush, so a multicast that only some members received before its sender crashed is never
   * delivered to the others (see the README).
   */
  @SimulationTest
  void sequencerCrash(long seed) throws Exception {
    sequencerCrash(group(seed, SmrReplica::new), "TotalOrderTest#sequencerCrash");
  }

  /** The scenario of {@link #sequencerCrash(long)} on {@code group}, reported as {@code test}. */
  static void sequencerCrash(ReplicaGroup group, String test) throws Exception {
    try (ReplicaGroup g = group) {
      g.startAll(0, 4);
      g.awaitView();
      g.rates(new FaultRates(0, 0.05, 0.05, 20));
      Clients clients = new Clients(g);
      clients.start(4, 40, 3, Clerk.ClientFaults.lossy());
      clients.awaitCompleted(40);
      g.crash("r0");
      clients.awaitDone();
      clients.assertLinearizable(test);
      g.awaitView();
      g.awaitConverged(true);
      for (var e : g.replica("r1").snapshot().data().entrySet()) {
        List<String> tokens = Arrays.asList(e.getValue().trim().split(" "));
        Set<String> unique = new HashSet<>(tokens);
        assertEquals(unique.size(), tokens.size(), "a value applied twice in " + e);
      }
    }
  }
}
