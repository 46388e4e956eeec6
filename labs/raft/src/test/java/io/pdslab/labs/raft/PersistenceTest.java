package io.pdslab.labs.raft;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pdslab.harness.junit.SimulationTest;
import io.pdslab.harness.sim.Simulation;
import io.pdslab.labs.raft.given.RaftMessage.RequestVote;
import io.pdslab.labs.raft.given.StartResult;
import io.pdslab.labs.raft.testing.RaftCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Part C: persistence across crashes, and the Figure 8 scenarios. */
class PersistenceTest {
  private static final int ELECTION_TIMEOUT = 1_000;

  @SimulationTest
  void persist1(Simulation sim) {
    RaftCluster cfg = new RaftCluster(sim, 3, true, false);
    cfg.one(11, 3, true);
    for (int i = 0; i < 3; i++) {
      cfg.crash1(i);
    }
    for (int i = 0; i < 3; i++) {
      cfg.start1(i);
    }
    cfg.one(12, 3, true);

    int leader1 = cfg.checkOneLeader();
    cfg.crash1(leader1);
    cfg.start1(leader1);
    cfg.one(13, 3, true);

    int leader2 = cfg.checkOneLeader();
    cfg.crash1(leader2);
    cfg.one(14, 2, true);
    cfg.start1(leader2);
    cfg.await(4, 3, -1);

    int i3 = (cfg.checkOneLeader() + 1) % 3;
    cfg.crash1(i3);
    cfg.one(15, 2, true);
    cfg.start1(i3);
    cfg.one(16, 3, true);
    cfg.end();
  }

  @SimulationTest
  void persist2(Simulation sim) {
    int n = 5;
    RaftCluster cfg = new RaftCluster(sim, n, true, false);
    int index = 1;
    for (int iter = 0; iter < 5; iter++) {
      cfg.one(10 + index++, n, true);
      int leader1 = cfg.checkOneLeader();
      cfg.crash1((leader1 + 1) % n);
      cfg.crash1((leader1 + 2) % n);
      cfg.one(10 + index++, n - 2, true);

      cfg.crash1(leader1);
      cfg.crash1((leader1 + 3) % n);
      cfg.crash1((leader1 + 4) % n);
      cfg.start1((leader1 + 1) % n);
      cfg.start1((leader1 + 2) % n);
      cfg.runFor(ELECTION_TIMEOUT);
      cfg.start1((leader1 + 3) % n);
      cfg.one(10 + index++, n - 2, true);

      cfg.start1((leader1 + 4) % n);
      cfg.start1(leader1);
    }
    cfg.one(1000, n, true);
    cfg.end();
  }

  @SimulationTest
  void persist3(Simulation sim) {
    RaftCluster cfg = new RaftCluster(sim, 3, true, false);
    cfg.one(101, 3, true);
    int leader = cfg.checkOneLeader();
    cfg.disconnect((leader + 2) % 3);
    cfg.one(102, 2, true);

    cfg.crash1(leader);
    cfg.crash1((leader + 1) % 3);
    cfg.connect((leader + 2) % 3);
    cfg.start1(leader);
    cfg.one(103, 2, true);
    cfg.start1((leader + 1) % 3);
    cfg.one(104, 3, true);
    cfg.end();
  }

  /**
   * Leaders crash right after appending, so entries of old terms linger on minorities (the
   * situation of Figure 8 of the Raft paper); committed entries must survive.
   */
  @SimulationTest
  void figure8(Simulation sim) {
    figure8Scenario(new RaftCluster(sim, 5, true, false), 1000);
  }

  /**
   * Figure 8 of the Raft paper, scripted: an entry of an older term that a later leader has
   * replicated on a majority is not yet committed — a server holding a newer-term entry at the same
   * index can still be elected and overwrite it — so no leader may count replicas for it.
   */
  @SimulationTest
  void figure8Scripted(Simulation sim) {
    int n = 5;
    RaftCluster cfg = new RaftCluster(sim, n, true, false);
    cfg.one(1, n, true);

    // (a) Leader L1 replicates entry 2 of its term to A only.
    int l1 = cfg.checkOneLeader();
    int a = (l1 + 1) % n;
    int[] trio = {(l1 + 2) % n, (l1 + 3) % n, (l1 + 4) % n};
    connectOnly(cfg, l1, a);
    assertTrue(cfg.raft(l1).start(101).isLeader(), "leader rejected start()");
    cfg.runFor(50);

    // (b) L2, leader of a newer term among the other three, appends its own entry 2, alone.
    connectOnly(cfg, trio);
    int l2 = cfg.checkOneLeader();
    cfg.disconnect(l2);
    StartResult r = cfg.raft(l2).start(102);
    assertTrue(r.isLeader() && r.index() == 2, "expected L2 to append at index 2, got " + r);
    int e = trio[0] == l2 ? trio[1] : trio[0];

    // (c) L1 or A leads an even newer term and replicates the old entry 2 to E: a majority holds
    // it, yet it must not be committed.
    connectOnly(cfg, l1, a, e);
    int l3 = cfg.checkOneLeader();
    cfg.runFor(500);

    // (d) L2 can win the next term (its last entry is newer than theirs) and overwrites entry 2.
    connectOnly(cfg, l2, e, l3 == l1 ? a : l1);
    cfg.one(103, 3, true);

    connectOnly(cfg, 0, 1, 2, 3, 4);
    cfg.one(104, n, true);
    cfg.end();
  }

  /**
   * A voter that crashes after voting must remember its vote: V votes for X in term T+1, crashes
   * and restarts, then Y — a candidate of the same term T+1 — asks V for its vote.
   */
  @SimulationTest
  void persistVote(Simulation sim) {
    RaftCluster cfg = new RaftCluster(sim, 3, true, false);
    cfg.one(1, 3, true);
    for (int attempt = 0; attempt < 5; attempt++) {
      int y = cfg.checkOneLeader();
      int term = cfg.raft(y).getState().term();
      cfg.crash1(y);
      int x = cfg.checkOneLeader();
      if (cfg.raft(x).getState().term() != term + 1) {
        // A split vote: Y cannot be a candidate of X's term. Set up again.
        cfg.start1(y);
        cfg.one(100 + attempt, 3, true);
        continue;
      }
      int v = 3 - x - y;
      cfg.disconnect(x);
      cfg.crash1(v);
      // Y restarts first, so it times out (into term T+1) before V does.
      cfg.start1(y);
      cfg.runFor(250);
      cfg.start1(v);
      cfg.runFor(2 * ELECTION_TIMEOUT);
      cfg.connect(x);
      cfg.one(2, 3, true);
      cfg.end();
      return;
    }
    throw new AssertionError("could not set the scenario up in 5 attempts");
  }

  /** How much higher than the voter's term the stale candidate's term is. */
  private static final int TERMS_AHEAD = 5;

  /**
   * Figure 2 keeps currentTerm and votedFor on stable storage, updated before the server sends
   * anything that depends on them. A server that stands for election and crashes at once must come
   * back in that term having voted for itself, or it votes again in the same term; a server that
   * adopts a higher term from a RequestVote it refuses, and crashes, must come back in that term,
   * or its term goes backwards and it follows a leader it had already told of a newer term.
   */
  @SimulationTest
  void termAndVoteSurviveACrashRightAfter(Simulation sim) {
    int n = 3;
    RaftCluster cfg = new RaftCluster(sim, n, true, false);
    cfg.one(11, n, true);
    int leader = cfg.checkOneLeader();
    int other = (leader + 1) % n;
    int server = (leader + 2) % n;
    cfg.crash1(leader);
    cfg.crash1(other);
    long stood = cfg.elections(server);
    if (!sim.tryRunUntil(() -> cfg.elections(server) > stood, Duration.ofSeconds(2))) {
      throw sim.fail(
          "liveness: "
              + RaftCluster.id(server)
              + " heard from no leader for 2 s and did not stand for election");
    }
    int term = cfg.raft(server).getState().term();
    cfg.crash1(server);
    cfg.start1(server);
    int restarted = cfg.raft(server).getState().term();
    if (restarted < term) {
      throw sim.fail(
          "persistence: "
              + RaftCluster.id(server)
              + " asked for votes in term "
              + term
              + ", crashed at once and restarted in term "
              + restarted
              + ": save currentTerm and votedFor when you start an election, before sending"
              + " RequestVote, or a crashed candidate votes a second time in its own term");
    }
    // Another candidate of the same term, with a longer log, asks the restarted server: it has
    // voted for itself in that term already (the vote watcher checks it).
    sim.send(
        RaftCluster.id(other),
        RaftCluster.id(server),
        new RequestVote(term, RaftCluster.id(other), Integer.MAX_VALUE / 2, term));
    cfg.runFor(10);

    // A candidate of a much higher term but with an empty log: refused, yet its term is adopted.
    int higher = cfg.raft(server).getState().term() + TERMS_AHEAD;
    sim.send(
        RaftCluster.id(other),
        RaftCluster.id(server),
        new RequestVote(higher, RaftCluster.id(other), 0, 0));
    if (!sim.tryRunUntil(
        () -> cfg.raft(server).getState().term() >= higher, Duration.ofMillis(50))) {
      throw sim.fail(
          "term handling: "
              + RaftCluster.id(server)
              + " got a RequestVote of term "
              + higher
              + " and stayed in term "
              + cfg.raft(server).getState().term()
              + ": a request carrying a higher term makes a server adopt it (Figure 2, all"
              + " servers), whether or not it grants the vote");
    }
    cfg.crash1(server);
    cfg.start1(server);
    restarted = cfg.raft(server).getState().term();
    if (restarted < higher) {
      throw sim.fail(
          "persistence: "
              + RaftCluster.id(server)
              + " refused a vote in term "
              + higher
              + ", crashed and restarted in term "
              + restarted
              + ": save the new currentTerm as soon as you adopt it (stepping down), before"
              + " answering, or a server's term goes backwards after a crash and it accepts"
              + " AppendEntries from a leader it had already told of a newer term");
    }
    cfg.start1(leader);
    cfg.start1(other);
    cfg.one(12, n, true);
    cfg.end();
  }

  private static void connectOnly(RaftCluster cfg, int... servers) {
    for (int i = 0; i < cfg.servers(); i++) {
      cfg.disconnect(i);
    }
    for (int s : servers) {
      cfg.connect(s);
    }
  }

  /** {@link #figure8} on a cluster; also run by the known-bug checks. */
  static void figure8Scenario(RaftCluster cfg, int iters) {
    int n = cfg.servers();
    Random random = cfg.random();
    cfg.one(random.nextInt(1_000_000), 1, true);
    int nup = n;
    for (int iter = 0; iter < iters; iter++) {
      int leader = -1;
      for (int i = 0; i < n; i++) {
        if (cfg.isUp(i) && cfg.raft(i).start(random.nextInt(1_000_000)).isLeader()) {
          leader = i;
        }
      }
      cfg.runFor(
          random.nextInt(1000) < 100
              ? random.nextInt(ELECTION_TIMEOUT / 2)
              : 1 + random.nextInt(13));
      if (leader != -1 && cfg.isUp(leader)) {
        cfg.crash1(leader);
        nup--;
      }
      if (nup < 3) {
        int s = random.nextInt(n);
        if (!cfg.isUp(s)) {
          cfg.start1(s);
          nup++;
        }
      }
    }
    for (int i = 0; i < n; i++) {
      if (!cfg.isUp(i)) {
        cfg.start1(i);
      }
    }
    cfg.one(random.nextInt(1_000_000), n, true);
    cfg.end();
  }

  @SimulationTest
  void unreliableAgree(Simulation sim) {
    int n = 5;
    RaftCluster cfg = new RaftCluster(sim, n, false, false);
    for (int iter = 1; iter < 50; iter++) {
      // Four commands in flight at once (started on whichever servers lead), then one more.
      for (int j = 0; j < 4; j++) {
        for (int i = 0; i < n; i++) {
          cfg.raft(i).start(100 * iter + j);
        }
      }
      cfg.one(iter, 1, true);
    }
    cfg.setReliable(true);
    cfg.one(100, n, true);
    cfg.end();
  }

  @SimulationTest
  void figure8Unreliable(Simulation sim) {
    int n = 5;
    RaftCluster cfg = new RaftCluster(sim, n, false, false);
    Random random = cfg.random();
    cfg.one(random.nextInt(10_000), 1, true);
    int nup = n;
    for (int iter = 0; iter < 1000; iter++) {
      if (iter == 200) {
        cfg.setLongReordering(true);
      }
      int leader = -1;
      for (int i = 0; i < n; i++) {
        if (cfg.raft(i).start(random.nextInt(10_000)).isLeader() && cfg.isConnected(i)) {
          leader = i;
        }
      }
      cfg.runFor(
          random.nextInt(1000) < 100
              ? random.nextInt(ELECTION_TIMEOUT / 2)
              : 1 + random.nextInt(13));
      if (leader != -1 && random.nextInt(1000) < ELECTION_TIMEOUT / 2) {
        cfg.disconnect(leader);
        nup--;
      }
      if (nup < 3) {
        int s = random.nextInt(n);
        if (!cfg.isConnected(s)) {
          cfg.connect(s);
          nup++;
        }
      }
    }
    for (int i = 0; i < n; i++) {
      cfg.connect(i);
    }
    cfg.setLongReordering(false);
    cfg.one(random.nextInt(10_000), n, true);
    cfg.end();
  }

  @SimulationTest
  void reliableChurn(Simulation sim) {
    churn(new RaftCluster(sim, 5, true, false));
  }

  @SimulationTest
  void unreliableChurn(Simulation sim) {
    churn(new RaftCluster(sim, 5, false, false));
  }

  /**
   * Servers crash, restart, disconnect and reconnect at random while clients keep submitting
   * commands; every command a client saw committed must be in the final log.
   */
  static void churn(RaftCluster cfg) {
    int n = cfg.servers();
    Random random = cfg.random();
    record Submitted(int index, int value) {}
    List<Submitted> submitted = new ArrayList<>();
    int next = 1;
    for (int iter = 0; iter < 20; iter++) {
      int r = random.nextInt(1000);
      if (r < 200) {
        cfg.disconnect(random.nextInt(n));
      }
      if (r < 500) {
        int i = random.nextInt(n);
        if (!cfg.isUp(i)) {
          cfg.start1(i);
        }
        cfg.connect(i);
      }
      if (r < 200) {
        int i = random.nextInt(n);
        if (cfg.isUp(i)) {
          cfg.crash1(i);
        }
      }
      // Three clients submit a command to every live server every 50 ms for 700 ms.
      for (int step = 0; step < 14; step++) {
        for (int client = 0; client < 3; client++) {
          int value = next++;
          for (int i = 0; i < n; i++) {
            if (cfg.isUp(i)) {
              StartResult s = cfg.raft(i).start(value);
              if (s.isLeader()) {
                submitted.add(new Submitted(s.index(), value));
              }
            }
          }
        }
        cfg.runFor(50);
      }
    }
    cfg.runFor(ELECTION_TIMEOUT);
    cfg.setReliable(true);
    for (int i = 0; i < n; i++) {
      if (!cfg.isUp(i)) {
        cfg.start1(i);
      }
      cfg.connect(i);
    }
    cfg.runFor(ELECTION_TIMEOUT);
    int last = cfg.one(random.nextInt(1_000_000), n, true);
    int committed = 0;
    for (Submitted s : submitted) {
      if (s.index() <= last && Integer.valueOf(s.value()).equals(cfg.await(s.index(), n, -1))) {
        committed++;
      }
    }
    assertTrue(committed > 0, "no client command was committed during churn");
    cfg.end();
  }
}
