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
    if (kv.answers("c0", 2).isEmpty()) {
      throw sim.fail(
          "liveness: "
              + old
              + " never answered c0's append(x, \"lost;\") although the new leader's entry was"
              + " applied at the index start() returned for it: answer WRONG_LEADER then, or a"
              + " client whose entry was overwritten waits for a timeout before it retries");
    }
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
    ScriptedKv kv = new ScriptedKv(sim, 3, 3, MAX_RAFT_STATE);
    List<String> all = kv.servers();
    kv.awaitLeader(all);
    kv.call(all, "c0", 1, APPEND, "x", "once;");
    for (int seq = 1; seq <= 5; seq++) {
      kv.call(all, "c1", seq, PUT, "y", "v" + seq);
    }
    kv.call(all, "c2", 1, GET, "y", "");
    sim.runFor(Duration.ofSeconds(1));
    for (String s : all) {
      int size = kv.raftStateSize(s);
      if (size > 4 * MAX_RAFT_STATE) {
        throw sim.fail(
            "snapshots: "
                + s
                + "'s Raft state is "
                + size
                + " bytes with maxRaftState "
                + MAX_RAFT_STATE
                + ": once Raft's state grows past maxRaftState, the server must snapshot its"
                + " service state (data and duplicate table) and let Raft trim its log");
      }
    }
    for (String s : all) {
      sim.crash(s);
    }
    for (String s : all) {
      sim.restart(s);
    }
    kv.awaitLeader(all);
    kv.call(all, "c0", 1, APPEND, "x", "once;");
    String y = kv.call(all, "c2", 1, GET, "y", "");
    if (!"v5".equals(y)) {
      throw sim.fail(
          "at-most-once: c2's get(y), retried after every server restarted from a snapshot, was"
              + " answered \""
              + y
              + "\" instead of \"v5\": the duplicate table must keep each client's last result"
              + " too, so that a retry gets the answer the first attempt got");
    }
    String x = kv.call(all, "c1", 6, GET, "x", "");
    if (!"once;".equals(x)) {
      throw sim.fail(
          "at-most-once: c0's append(x, \"once;\"), retried after every server restarted from a"
              + " snapshot, ran again: x = \""
              + x
              + "\". The snapshot must hold the duplicate table (each client's last request and"
              + " its result) with the data, or a retry after a restart is executed twice");
    }
  }

  /** Raft state size at which {@link #duplicateDetectionSurvivesRestartFromSnapshot} snapshots. */
  private static final int MAX_RAFT_STATE = 100;

  /**
   * A server answers each request it gets, without the client having to ask again: the leader OK
   * once the request's entry is applied, any other server WRONG_LEADER at once. A server that stays
   * silent leaves its client waiting for a timeout at every request (and a service that only works
   * because clients retry hides lost answers).
   */
  @SimulationTest
  void everyRequestIsAnswered(Simulation sim) {
    ScriptedKv kv = new ScriptedKv(sim, 3, 1, -1);
    List<String> all = kv.servers();
    String leader = kv.awaitLeader(all);
    String follower = without(all, leader).get(0);
    kv.send("c0", follower, 1, PUT, "x", "1");
    kv.send("c0", leader, 2, PUT, "x", "2");
    sim.runFor(Duration.ofMillis(ANSWER_WITHIN_MS));
    if (kv.answers("c0", 1).stream().noneMatch(r -> KvMessage.WRONG_LEADER.equals(r.err()))) {
      throw sim.fail(
          "liveness: "
              + follower
              + ", not the leader, did not answer WRONG_LEADER to a put within "
              + ANSWER_WITHIN_MS
              + " ms: a server that cannot start a request must say so at once, so that the"
              + " client tries another server instead of waiting for a timeout");
    }
    if (kv.ok("c0", 2).isEmpty()) {
      throw sim.fail(
          "liveness: the leader "
              + leader
              + " did not answer OK to a put within "
              + ANSWER_WITHIN_MS
              + " ms on a reliable network: answer each request when its entry is applied at the"
              + " index start() returned, not only when the client retries");
    }
  }

  /** Virtual time a server gets to answer in {@link #everyRequestIsAnswered}. */
  private static final int ANSWER_WITHIN_MS = 500;

  /**
   * A client that retries before its first attempt commits puts its request in the log twice; it
   * must be executed once, when the first copy is applied (the duplicate table is checked when
   * applying, not only when a request arrives). Both copies are answered OK with the same result.
   */
  @SimulationTest
  void requestLoggedTwiceRunsOnce(Simulation sim) {
    ScriptedKv kv = new ScriptedKv(sim, 3, 2, -1);
    List<String> all = kv.servers();
    String leader = kv.awaitLeader(all);
    kv.send("c0", leader, 1, APPEND, "x", "once;");
    kv.send("c0", leader, 1, APPEND, "x", "once;");
    sim.runFor(Duration.ofMillis(ANSWER_WITHIN_MS));
    String x = kv.call(all, "c1", 1, GET, "x", "");
    if (!"once;".equals(x)) {
      throw sim.fail(
          "at-most-once: c0's append(x, \"once;\"), sent twice before the first copy committed,"
              + " ran twice: x = \""
              + x
              + "\". Both copies are in the log; check each (clientId, seq) against the"
              + " duplicate table when applying it, not only when the request arrives");
    }
  }

  /**
   * A leader appends two requests while cut off; a new leader replaces both with one entry of its
   * own. When the old leader leads again and puts a new request at the second one's index, that
   * request can no longer be applied: the server must answer its client WRONG_LEADER then (the
   * index is taken), or the client waits for a timeout, and a server that forgets the request when
   * it reuses the index never answers it.
   */
  @SimulationTest
  void aRequestDisplacedFromItsIndexIsAnswered(Simulation sim) {
    ScriptedKv kv = new ScriptedKv(sim, 3, 3, -1);
    List<String> all = kv.servers();
    String old = kv.awaitLeader(all);
    kv.call(List.of(old), "c0", 1, PUT, "x", "a;");
    sim.runFor(Duration.ofMillis(ANSWER_WITHIN_MS));
    sim.isolate(old);
    kv.send("c0", old, 2, APPEND, "x", "lost;");
    kv.send("c1", old, 1, APPEND, "x", "displaced;");
    kv.call(without(all, old), "c2", 1, APPEND, "x", "b;");
    sim.heal();
    sim.runFor(Duration.ofSeconds(1));
    leadAgain(sim, kv, old);
    kv.send("c2", old, 2, APPEND, "x", "c;");
    sim.runFor(Duration.ofMillis(ANSWER_WITHIN_MS));
    if (kv.answers("c1", 1).isEmpty()) {
      throw sim.fail(
          "liveness: "
              + old
              + " never answered c1's append(x, \"displaced;\"), which it appended while cut off:"
              + " a new leader replaced that entry, and "
              + old
              + ", leader again, put c2's next request at its index. When a server puts a request"
              + " where another one was waiting, answer the other WRONG_LEADER (it can no longer"
              + " be applied there), or its client waits for a timeout");
    }
    String x = kv.call(all, "c2", 3, GET, "x", "");
    if (kv.ok("c1", 1).isPresent() && !x.contains("displaced;")) {
      throw sim.fail(
          "linearizability: "
              + old
              + " answered OK to c1's append(x, \"displaced;\"), but x = \""
              + x
              + "\" lacks it: answer OK only when the client's own entry is applied");
    }
  }

  /**
   * Makes {@code server} (whose log is as up to date as any) the leader: isolates whichever other
   * server leads until an election among the rest picks it; each election picks it about half the
   * time.
   */
  private static void leadAgain(Simulation sim, ScriptedKv kv, String server) {
    for (int tries = 0; tries < ELECTIONS_TO_LEAD_AGAIN; tries++) {
      String leader = kv.awaitLeader(kv.servers());
      if (leader.equals(server)) {
        return;
      }
      sim.isolate(leader);
      kv.awaitLeader(without(kv.servers(), leader));
      sim.heal();
      sim.runFor(Duration.ofMillis(ANSWER_WITHIN_MS));
    }
    throw sim.fail(
        "test setup: "
            + server
            + " did not win any of "
            + ELECTIONS_TO_LEAD_AGAIN
            + " elections with an up-to-date log");
  }

  /** Elections {@link #leadAgain} allows; each fails to pick the server about half the time. */
  private static final int ELECTIONS_TO_LEAD_AGAIN = 30;

  /**
   * A client's request arrives twice: the network duplicated it, and the copy comes late, after the
   * client has moved on. A server may drop the copy or answer it with that request's own result,
   * never with another request's: an OK answer to {@code (clientId, seq)} says what that request
   * read, and the duplicate table holds only the client's latest result.
   */
  @SimulationTest
  void aLateCopyOfAnOldRequestGetsNoOtherResult(Simulation sim) {
    ScriptedKv kv = new ScriptedKv(sim, 3, 1, -1);
    List<String> all = kv.servers();
    kv.awaitLeader(all);
    kv.call(all, "c0", 1, PUT, "x", "1");
    String read = kv.call(all, "c0", 2, GET, "x", "");
    kv.call(all, "c0", 3, APPEND, "x", "2");
    for (String s : all) {
      kv.send("c0", s, 2, GET, "x", "");
    }
    sim.runFor(Duration.ofMillis(ANSWER_WITHIN_MS));
    for (KvReply r : kv.answers("c0", 2)) {
      if (KvMessage.OK.equals(r.err()) && !r.value().equals(read)) {
        throw sim.fail(
            "at-most-once: "
                + r.from()
                + " answered a late copy of c0's get(x) #2, which had read \""
                + read
                + "\", with OK \""
                + r.value()
                + "\" after c0 had moved on to request #3: answer a retry from the duplicate"
                + " table only if it is the client's latest request (its result is the one kept),"
                + " and drop older ones, or a client is told a result its request never had");
      }
    }
  }

  private static List<String> without(List<String> servers, String server) {
    List<String> rest = new ArrayList<>(servers);
    rest.remove(server);
    return rest;
  }
}
