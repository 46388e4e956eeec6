package io.pdslab.labs.raft;

import static io.pdslab.labs.raft.given.kv.KvMessage.Kind.APPEND;
import static io.pdslab.labs.raft.given.kv.KvMessage.Kind.GET;
import static io.pdslab.labs.raft.given.kv.KvMessage.Kind.PUT;

import io.pdslab.harness.junit.SimulationTest;
import io.pdslab.harness.sim.Simulation;
import io.pdslab.labs.raft.given.kv.KvMessage;
import io.pdslab.labs.raft.given.kv.KvMessage.KvReply;
import io.pdslab.labs.raft.testing.ScriptedKv;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Part E, scripted: the faults that break a key-value service's linearizability only at one precise
 * moment, which random workloads seldom hit and closed-loop clients (which give up on a server and
 * move on) never see. Each test sends requests to chosen servers and reads every answer, late ones
 * included.
 */
class KvScenarioTest {

  /**
   * A leader cut off from the majority is deposed without knowing it. If it answers a get from its
   * own state instead of committing the get through the log, it returns a value older than a write
   * that already completed at the new leader.
   */
  @SimulationTest
  void readAtDeposedLeader(Simulation sim) {
    ScriptedKv kv = new ScriptedKv(sim, 5, 1, -1);
    List<String> all = kv.servers();
    String old = kv.awaitLeader(all);
    kv.call(List.of(old), "c0", 1, PUT, "x", "1");
    sim.isolate(old);
    List<String> majority = without(all, old);
    kv.awaitLeader(majority);
    kv.call(majority, "c0", 2, PUT, "x", "2");
    long readAt = sim.now();
    kv.send("c0", old, 3, GET, "x", "");
    sim.runFor(Duration.ofSeconds(2));
    List<KvReply> whileCutOff = List.copyOf(kv.answers("c0", 3));
    sim.heal();
    sim.runFor(Duration.ofSeconds(2));
    for (KvReply r : kv.answers("c0", 3)) {
      if (KvMessage.OK.equals(r.err()) && !r.value().equals("2")) {
        throw sim.fail(
            "linearizability: "
                + r.from()
                + ", cut off from the majority and deposed, answered get(x) = \""
                + r.value()
                + "\" (sent at "
                + readAt
                + " ms) although put(x, \"2\") had completed at the new leader: a server must"
                + " commit a read through the log before answering it, or a deposed leader serves"
                + " stale values");
      }
    }
    for (KvReply r : whileCutOff) {
      if (KvMessage.OK.equals(r.err())) {
        throw sim.fail(
            r.from()
                + " answered get(x) = \""
                + r.value()
                + "\" while cut off from the majority: without a majority Raft commits nothing,"
                + " so a server that answers has not run the request through the log, and its"
                + " answers are right only by luck");
      }
    }
  }

  /**
   * A leader appends a client's request, then loses leadership before replicating it; the new
   * leader fills that index with another request. The old leader must answer the first client
   * WRONG_LEADER when a different entry is applied there, not OK, or an acknowledged append is
   * lost.
   */
  @SimulationTest
  void entryOverwrittenByNewLeader(Simulation sim) {
    ScriptedKv kv = new ScriptedKv(sim, 5, 2, -1);
    List<String> all = kv.servers();
    String old = kv.awaitLeader(all);
    kv.call(List.of(old), "c0", 1, APPEND, "x", "a;");
    sim.isolate(old);
    kv.send("c0", old, 2, APPEND, "x", "lost;");
    List<String> majority = without(all, old);
    kv.awaitLeader(majority);
    kv.call(majority, "c1", 1, APPEND, "x", "b;");
    sim.heal();
    sim.runFor(Duration.ofSeconds(2));
    String x = kv.call(all, "c1", 2, GET, "x", "");
    if (kv.ok("c0", 2).isPresent() && !x.contains("lost;")) {
      throw sim.fail(
          "linearizability: "
              + old
              + " answered OK to c0's append(x, \"lost;\"), but x = \""
              + x
              + "\" lacks it: the new leader overwrote that log index with another request. Answer"
              + " OK only if the entry applied at the index start() returned is the client's own"
              + " request; otherwise answer WRONG_LEADER so that the client retries");
    }
  }

  /**
   * A client's request succeeds, every server restarts from a snapshot that covers it, and the
   * client retries the request (its answer was lost). The duplicate table must be in the snapshot,
   * or the retried append runs twice.
   */
  @SimulationTest
  void duplicateDetectionSurvivesRestartFromSnapshot(Simulation sim) {
    ScriptedKv kv = new ScriptedKv(sim, 3, 2, 100);
    List<String> all = kv.servers();
    kv.awaitLeader(all);
    kv.call(all, "c0", 1, APPEND, "x", "once;");
    for (int seq = 1; seq <= 5; seq++) {
      kv.call(all, "c1", seq, PUT, "y", "v" + seq);
    }
    for (String s : all) {
      sim.crash(s);
    }
    for (String s : all) {
      sim.restart(s);
    }
    kv.awaitLeader(all);
    kv.call(all, "c0", 1, APPEND, "x", "once;");
    String x = kv.call(all, "c1", 6, GET, "x", "");
    if (!x.equals("once;")) {
      throw sim.fail(
          "at-most-once: c0's append(x, \"once;\"), retried after every server restarted from a"
              + " snapshot, ran again: x = \""
              + x
              + "\". The snapshot must hold the duplicate table (each client's last request and"
              + " its result) with the data, or a retry after a restart is executed twice");
    }
  }

  private static List<String> without(List<String> servers, String server) {
    List<String> rest = new ArrayList<>(servers);
    rest.remove(server);
    return rest;
  }
}
