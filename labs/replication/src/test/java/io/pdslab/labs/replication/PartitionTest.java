package io.pdslab.labs.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.List;
import java.util.function.Supplier;
import org.jgroups.stack.Protocol;
import org.junit.jupiter.api.Timeout;

/** Part D: partitions and merges ({@link PartitionedReplica}). */
@Timeout(120)
class PartitionTest {

  /** Replicas of a group of {@code size}, on a plain stack. */
  static ReplicaGroup group(long seed, int size) {
    return group(
        seed, (ch, cluster) -> new PartitionedReplica(ch, cluster, size), () -> new Protocol[0]);
  }

  static ReplicaGroup group(long seed, ReplicaFactory factory, Supplier<Protocol[]> aboveGms) {
    return new ReplicaGroup(seed, factory, aboveGms);
  }

  /**
   * Five replicas under load on a lossy network split 3|2 with the primary r0 on the minority side:
   * the minority refuses every request (a definite error) and acknowledges no write while the
   * majority goes on; after the merge (whose coordinator, r0, comes from the minority) the whole
   * history is linearizable (a write the majority acknowledged in the partition is read back right
   * after the merge, through the merged primary) and the replicas converge.
   */
  @SimulationTest
  void splitAndHeal(long seed) throws Exception {
    splitAndHeal(seed, group(seed, 5), List.of("r0", "r1"), List.of("r2", "r3", "r4"));
  }

  static void splitAndHeal(long seed, ReplicaGroup group, List<String> minority, List<String> rest)
      throws Exception {
    try (ReplicaGroup g = group) {
      g.startAll(0, minority.size() + rest.size());
      g.awaitView();
      g.rates(FaultRates.lossy());
      Clients clients = new Clients(g);
      clients.start(4, 40, 3, Clerk.ClientFaults.lossy());
      clients.awaitCompleted(20);
      g.partition(minority, rest);
      g.awaitSides(minority, rest);
      long clientBase = 100;
      for (String name : minority) {
        Command probe = new Command(++clientBase, 1, Kind.APPEND, "probe", name);
        assertEquals(
            Reply.Status.UNAVAILABLE,
            g.replica(name).execute(probe).status(),
            name
                + " is on the minority side "
                + minority
                + ": it must refuse a write\n"
                + g.report());
      }
      // A write the majority acknowledges during the partition, on a key no other client touches:
      // read back after the merge, it shows whether the merged group kept the majority's state (a
      // client's later put could otherwise hide the loss of the workload's writes).
      Clerk marker = clients.clerk(50, Clerk.ClientFaults.NONE);
      assertTrue(marker.append("majority", "kept"), "the majority side accepts a write");
      clients.awaitCompleted(60);
      for (String name : minority) {
        assertEquals(
            0,
            g.writesAcknowledgedInPartition(name),
            name + " acknowledged writes on the minority side " + minority + "\n" + g.report());
      }
      g.merge();
      // Read back before awaitDone, which stops every clerk: a stopped clerk abandons a request
      // unsent, and an abandoned read checks nothing. The merged primary answers it.
      assertNotNull(
          marker.get("majority"), "the merged group answers a read of the majority's write");
      clients.awaitDone();
      clients.assertLinearizable("PartitionTest#splitAndHeal");
      g.awaitConverged(true);
      assertFalse(
          g.replica(rest.get(0)).snapshot().data().containsKey("probe"),
          "a refused probe was executed: UNAVAILABLE must mean not executed");
    }
  }

  /**
   * Four replicas split 2|2: neither side has a majority, so every replica refuses reads and writes
   * (and executes none of them); after the merge, the group serves again and converges.
   */
  @SimulationTest
  void evenSplitLeavesNoSideWritable(long seed) throws Exception {
    evenSplitLeavesNoSideWritable(seed, group(seed, 4));
  }

  static void evenSplitLeavesNoSideWritable(long seed, ReplicaGroup group) throws Exception {
    try (ReplicaGroup g = group) {
      g.startAll(0, 4);
      g.awaitView();
      Clients clients = new Clients(g);
      Clerk writer = clients.clerk(1, Clerk.ClientFaults.NONE);
      assertTrue(writer.put("x", "before"), "the whole group accepts a write");
      List<String> left = List.of("r0", "r1");
      List<String> right = List.of("r2", "r3");
      g.partition(left, right);
      g.awaitSides(left, right);
      long client = 100;
      for (String name : g.liveNames()) {
        Replica r = g.replica(name);
        Reply write = r.execute(new Command(++client, 1, Kind.PUT, "x", "split-" + name));
        Reply read = r.execute(new Command(++client, 1, Kind.GET, "x", null));
        assertEquals(
            Reply.Status.UNAVAILABLE,
            write.status(),
            name + " accepted a write in a 2|2 split (no side has a majority)\n" + g.report());
        assertEquals(
            Reply.Status.UNAVAILABLE,
            read.status(),
            name + " answered a read in a 2|2 split (it may be stale)\n" + g.report());
      }
      g.merge();
      String after = clients.clerk(2, Clerk.ClientFaults.NONE).get("x");
      assertEquals("before", after, "after the merge, the write before the split is the value");
      assertTrue(writer.put("x", "after"), "the merged group accepts writes again");
      clients.assertLinearizable("PartitionTest#evenSplitLeavesNoSideWritable");
      g.awaitConverged(true);
    }
  }

  /** Waits until every replica of {@code names} has refused at least {@code n} requests. */
  static void awaitRefusals(ReplicaGroup g, List<String> names, long n) {
    for (String name : names) {
      ReplicaGroup.waiting(name + " refuses " + n + " requests").until(() -> g.refusals(name) >= n);
    }
  }
}
