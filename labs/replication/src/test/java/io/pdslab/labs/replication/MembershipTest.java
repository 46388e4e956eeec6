package io.pdslab.labs.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pdslab.harness.jgroups.FaultRates;
import io.pdslab.harness.junit.SimulationTest;
import io.pdslab.harness.lin.model.KvModel.Kind;
import io.pdslab.harness.sim.Seeds;
import io.pdslab.labs.replication.given.Command;
import io.pdslab.labs.replication.given.Replica;
import io.pdslab.labs.replication.given.ReplicaGroup;
import io.pdslab.labs.replication.given.Snapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jgroups.stack.Protocol;
import org.junit.jupiter.api.Timeout;

/** Part A: membership and state transfer ({@link MemberReplica}, {@link KvStateMachine}). */
@Timeout(120)
class MembershipTest {

  static ReplicaGroup group(long seed) {
    return new ReplicaGroup(seed, MemberReplica::new, () -> new Protocol[0]);
  }

  /** A late joiner's whole state (data and dedup table) equals the coordinator's. */
  @SimulationTest
  void joinerGetsState(long seed) throws Exception {
    try (ReplicaGroup g = group(seed)) {
      Replica r0 = g.start("r0");
      g.rates(FaultRates.lossy());
      StringBuilder expected = new StringBuilder();
      for (int i = 1; i <= 30; i++) {
        r0.execute(new Command(1, i, Kind.APPEND, "a", i + ","));
        expected.append(i).append(',');
      }
      r0.execute(new Command(2, 1, Kind.PUT, "b", "x"));
      ReplicaGroup.waiting("r0 applies its 31 writes")
          .until(() -> r0.snapshot().lastApplied().size() == 2 && appliedSeq(r0, 1) == 30);
      assertEquals(expected.toString(), r0.snapshot().data().get("a"), "r0's data");
      Replica r1 = g.start("r1");
      assertEquals(
          r0.snapshot(),
          r1.snapshot(),
          "right after start(), the joiner's state (data and dedup table) must equal r0's");
      g.awaitMembers(List.of("r0", "r1"));
    }
  }

  /**
   * A request the group executed before a member joined, delivered again after the join (a client
   * retry), is executed by nobody: the joiner got the dedup table with the data.
   */
  @SimulationTest
  void joinerKnowsExecutedRequests(long seed) throws Exception {
    try (ReplicaGroup g = group(seed)) {
      Replica r0 = g.start("r0");
      Command first = new Command(7, 1, Kind.APPEND, "d", "x");
      r0.execute(first);
      ReplicaGroup.waiting("r0 applies c7#1").until(() -> appliedSeq(r0, 7) == 1);
      Replica r1 = g.start("r1");
      g.awaitView();
      r0.execute(first);
      r0.execute(new Command(7, 2, Kind.APPEND, "d", "y"));
      for (Replica r : List.of(r0, r1)) {
        ReplicaGroup.waiting("c7#2 applied").until(() -> appliedSeq(r, 7) == 2);
      }
      assertEquals("xy", r0.snapshot().data().get("d"), "r0 executed c7#1 twice");
      assertEquals(
          "xy", r1.snapshot().data().get("d"), "the joiner executed c7#1 again (no dedup table?)");
    }
  }

  /**
   * Two writers stream appends (and stale duplicates) through r0 and r1 while r2 and r3 join, on a
   * lossy network: no update is lost or applied twice, and all four converge.
   */
  @SimulationTest
  void updatesRacingWithJoins(long seed) throws Exception {
    try (ReplicaGroup g = group(seed)) {
      g.startAll(0, 2);
      g.awaitView();
      g.rates(FaultRates.lossy());
      AtomicBoolean joined = new AtomicBoolean();
      List<Writer> writers =
          List.of(
              new Writer(g.replica("r0"), 1, "a", Seeds.random(seed, "writer 1"), joined),
              new Writer(g.replica("r1"), 2, "b", Seeds.random(seed, "writer 2"), joined));
      writers.forEach(Thread::start);
      ReplicaGroup.waiting("writers started").until(() -> appliedSeq(g.replica("r0"), 1) >= 20);
      g.start("r2");
      g.start("r3");
      joined.set(true);
      for (Writer w : writers) {
        w.join(ReplicaGroup.WAIT.toMillis());
      }
      g.awaitView();
      g.awaitConverged(true);
      Snapshot s = g.replica("r3").snapshot();
      for (Writer w : writers) {
        assertEquals(w.expected.toString(), s.data().get(w.key), "key " + w.key + " on r3");
      }
    }
  }

  /** The members follow joins, a graceful leave and a crash of the coordinator. */
  @SimulationTest
  void membershipFollowsJoinsAndLeaves(long seed) throws Exception {
    try (ReplicaGroup g = group(seed)) {
      g.startAll(0, 3);
      g.awaitMembers(List.of("r0", "r1", "r2"));
      g.replica("r0").execute(new Command(1, 1, Kind.PUT, "k", "v"));
      // The write is multicast without waiting: r2 must have it before r0 crashes, or nobody has.
      Replica r2 = g.replica("r2");
      ReplicaGroup.waiting("r2 applies k=v").until(() -> "v".equals(r2.snapshot().data().get("k")));
      g.leave("r1");
      g.awaitMembers(List.of("r0", "r2"));
      g.crash("r0");
      g.awaitMembers(List.of("r2"));
      Replica r3 = g.start("r3");
      g.awaitMembers(List.of("r2", "r3"));
      assertEquals(g.replica("r2").snapshot(), r3.snapshot(), "r3 got r2's state");
      assertEquals("v", r3.snapshot().data().get("k"));
    }
  }

  static long appliedSeq(Replica r, long client) {
    Snapshot.Applied a = r.snapshot().lastApplied().get(client);
    return a == null ? 0 : a.seq();
  }

  /**
   * One writer: appends to its key through its replica, keeping at most 10 writes unapplied there,
   * and now and then re-sends an old request; stops 50 writes after the joins are done.
   */
  private static final class Writer extends Thread {
    final Replica replica;
    final long client;
    final String key;
    final Random random;
    final AtomicBoolean joined;
    final StringBuilder expected = new StringBuilder();
    final List<Command> sent = new ArrayList<>();

    Writer(Replica replica, long client, String key, Random random, AtomicBoolean joined) {
      super("writer-" + client);
      setDaemon(true);
      this.replica = replica;
      this.client = client;
      this.key = key;
      this.random = random;
      this.joined = joined;
    }

    @Override
    public void run() {
      int after = 0;
      for (long seq = 1; after < 50 && seq < 5000; seq++) {
        Command c = new Command(client, seq, Kind.APPEND, key, seq + ",");
        sent.add(c);
        replica.execute(c);
        expected.append(seq).append(',');
        if (random.nextInt(5) == 0) {
          replica.execute(sent.get(random.nextInt(sent.size())));
        }
        long target = seq - 10;
        ReplicaGroup.waiting("writer " + client + " less than 10 writes ahead")
            .pollInterval(java.time.Duration.ofMillis(2))
            .until(() -> appliedSeq(replica, client) >= target);
        if (joined.get()) {
          after++;
        }
      }
    }
  }
}
