package io.pdslab.labs.raft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pdslab.harness.junit.SimulationTest;
import io.pdslab.harness.sim.Simulation;
import io.pdslab.labs.raft.given.RaftMessage.AppendEntriesReply;
import io.pdslab.labs.raft.given.RaftMessage.RequestVote;
import io.pdslab.labs.raft.given.RaftMessage.RequestVoteReply;
import io.pdslab.labs.raft.given.RaftState;
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
   * A deposed leader whose incoming links are cut (it can send but not receive) keeps sending
   * heartbeats of its old term forever. The others must reject them without resetting their
   * election timers: otherwise, once the real leader fails, those stale heartbeats hold off every
   * election. Once its incoming links heal, it must step down on the newer term it hears and follow
   * the new leader.
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
    int oldTerm = cfg.raft(deposed).getState().term();
    cfg.connect(deposed);
    cfg.checkNoLongerLeads(
        deposed,
        oldTerm,
        STEP_DOWN_WITHIN_MS,
        "its incoming links healed and it heard the newer term of the leader elected without it: a"
            + " server that sees a higher term in any message adopts it and becomes a follower"
            + " (Figure 2, all servers), or a leader that was deaf for a while never rejoins");
    cfg.one(102, n - 1, true);
    cfg.end();
  }

  /**
   * A leader cut off from two of five servers still hears the other two. Once those follow a newer
   * leader, they answer its heartbeats with their newer term: a leader must step down on a higher
   * term in a reply, not only in a request, or it leads a stale term for ever (it never hears the
   * new leader, and its remaining followers never stand for election).
   */
  @SimulationTest
  void higherTermInReplyDeposesLeader(Simulation sim) {
    int n = 5;
    RaftCluster cfg = new RaftCluster(sim, n, true, false);
    int old = cfg.checkOneLeader();
    int term = cfg.raft(old).getState().term();
    for (int k = 1; k <= 2; k++) {
      sim.cutLink(RaftCluster.id(old), RaftCluster.id((old + k) % n));
      sim.cutLink(RaftCluster.id((old + k) % n), RaftCluster.id(old));
    }
    int witness = (old + 3) % n;
    if (!sim.tryRunUntil(() -> cfg.raft(witness).getState().term() > term, Duration.ofSeconds(5))) {
      throw sim.fail(
          "liveness: the two servers cut off from leader "
              + RaftCluster.id(old)
              + " held no election within 5 s (their election timers must fire without"
              + " heartbeats)");
    }
    cfg.checkNoLongerLeads(
        old,
        term,
        STEP_DOWN_WITHIN_MS,
        RaftCluster.id(witness)
            + ", which it reaches both ways, moved to term "
            + cfg.raft(witness).getState().term()
            + " and rejected its heartbeats: a reply carrying a higher term must make a leader"
            + " step down (Figure 2, all servers), or it leads a stale term for ever and every"
            + " client that finds it waits for commands that can never commit");
    cfg.end();
  }

  /**
   * Four servers need three votes: a majority is more than half, not half. Split two against two,
   * the half without the leader must not elect one, or each half of a partition has its own leader
   * and commits its own commands at the same indices.
   */
  @SimulationTest
  void evenClusterNeedsThreeOfFour(Simulation sim) {
    int n = 4;
    RaftCluster cfg = new RaftCluster(sim, n, true, false);
    int leader = cfg.checkOneLeader();
    int[] oldSide = {leader, (leader + 1) % n};
    int[] newSide = {(leader + 2) % n, (leader + 3) % n};
    for (int a : oldSide) {
      for (int b : newSide) {
        sim.cutLink(RaftCluster.id(a), RaftCluster.id(b));
        sim.cutLink(RaftCluster.id(b), RaftCluster.id(a));
      }
    }
    cfg.runFor(3_000);
    for (int i : newSide) {
      RaftState s = cfg.raft(i).getState();
      if (s.isLeader()) {
        throw sim.fail(
            "election safety at risk: "
                + RaftCluster.id(i)
                + " leads term "
                + s.term()
                + " with the votes of only two of four servers: a majority of an even cluster is"
                + " more than half (three of four), or both halves of a partition elect a leader"
                + " and commit different commands at the same index");
      }
    }
    for (int a : oldSide) {
      for (int b : newSide) {
        sim.restoreLink(RaftCluster.id(a), RaftCluster.id(b));
        sim.restoreLink(RaftCluster.id(b), RaftCluster.id(a));
      }
    }
    cfg.checkOneLeader();
    cfg.end();
  }

  /**
   * A leader that steps down on a higher term in a reply must start its election timer again (a
   * leader's is stopped): if the servers that know the newer term fail before a new leader reaches
   * it, it must still stand for election, not wait for ever.
   */
  @SimulationTest
  void aDeposedLeaderStandsAgain(Simulation sim) {
    int n = 3;
    RaftCluster cfg = new RaftCluster(sim, n, true, false);
    int leader = cfg.checkOneLeader();
    int term = cfg.raft(leader).getState().term();
    int follower = (leader + 1) % n;
    cfg.crash1(follower);
    cfg.crash1((leader + 2) % n);
    sim.send(
        RaftCluster.id(follower),
        RaftCluster.id(leader),
        new AppendEntriesReply(term + 1, false, RaftCluster.id(follower), 0, 0, -1));
    long stood = cfg.elections(leader);
    if (!sim.tryRunUntil(
        () -> cfg.raft(leader).getState().term() > term, Duration.ofMillis(STEP_DOWN_WITHIN_MS))) {
      throw sim.fail(
          "term handling: leader "
              + RaftCluster.id(leader)
              + " got an AppendEntries reply of term "
              + (term + 1)
              + " and stayed in term "
              + term
              + ": a reply with a higher term makes any server adopt it (Figure 2, all servers)");
    }
    if (!sim.tryRunUntil(() -> cfg.elections(leader) > stood, Duration.ofSeconds(2))) {
      throw sim.fail(
          "liveness: "
              + RaftCluster.id(leader)
              + " stepped down from leading term "
              + term
              + " on a reply of a higher term, then heard from no leader for 2 s and never stood"
              + " for election: restart the election timer when a leader steps down, or a"
              + " deposed leader waits for ever once the new leader fails before reaching it");
    }
    cfg.start1(follower);
    cfg.start1((leader + 2) % n);
    cfg.checkOneLeader();
    cfg.end();
  }

  /** How much higher than a candidate's term the injected vote reply's term is. */
  private static final int TERMS_AHEAD = 10;

  /**
   * A candidate asks a server that has moved on to a higher term; the refusal carries that term.
   * The candidate must adopt it and become a follower (Figure 2, all servers: a <em>response</em>
   * with a higher term too), or it keeps standing with a term every other server rejects, and
   * cannot win until its own term overtakes theirs one election at a time.
   */
  @SimulationTest
  void higherTermInAVoteReplyEndsACandidacy(Simulation sim) {
    int n = 3;
    RaftCluster cfg = new RaftCluster(sim, n, true, false);
    int leader = cfg.checkOneLeader();
    int moved = (leader + 1) % n;
    int candidate = (leader + 2) % n;
    cfg.crash1(leader);
    cfg.crash1(moved);
    long stood = cfg.elections(candidate);
    if (!sim.tryRunUntil(() -> cfg.elections(candidate) > stood, Duration.ofSeconds(2))) {
      throw sim.fail(
          "liveness: "
              + RaftCluster.id(candidate)
              + " heard from no leader for 2 s and did not stand for election");
    }
    int term = cfg.raft(candidate).getState().term();
    int higher = term + TERMS_AHEAD;
    sim.send(
        RaftCluster.id(moved),
        RaftCluster.id(candidate),
        new RequestVoteReply(higher, false, RaftCluster.id(moved)));
    cfg.runFor(STEP_DOWN_WITHIN_MS / 10);
    RaftState s = cfg.raft(candidate).getState();
    if (s.term() < higher) {
      throw sim.fail(
          "term handling: candidate "
              + RaftCluster.id(candidate)
              + " of term "
              + term
              + " got a RequestVote reply carrying term "
              + higher
              + " and is still at term "
              + s.term()
              + ": a server that sees a higher term in any reply adopts it and becomes a follower"
              + " (Figure 2, all servers), or a candidate keeps standing with a term the others"
              + " all reject");
    }
    cfg.start1(leader);
    cfg.start1(moved);
    cfg.checkOneLeader();
    cfg.end();
  }

  /** Virtual time a deposed leader gets to notice a higher term in replies: a few heartbeats. */
  private static final int STEP_DOWN_WITHIN_MS = 500;

  /**
   * Votes a server grants, one per {@value #VOTE_PERIOD_MS} ms, in {@link
   * #grantingAVoteResetsTheElectionTimer}.
   */
  private static final int VOTES = 30;

  private static final int VOTE_PERIOD_MS = 100;

  /**
   * Figure 2: a follower converts to candidate only if its election timeout elapses without hearing
   * from the leader <em>or granting a vote</em>. A server that is asked for its vote every 100 ms
   * (by candidates of ever newer terms, up to date) must never stand itself: a voter whose timer
   * was not reset stands right after voting, with a higher term, and disrupts the election it
   * supported.
   */
  @SimulationTest
  void grantingAVoteResetsTheElectionTimer(Simulation sim) {
    int n = 3;
    RaftCluster cfg = new RaftCluster(sim, n, true, false);
    int leader = cfg.checkOneLeader();
    int voter = (leader + 1) % n;
    int candidate = (leader + 2) % n;
    cfg.crash1(leader);
    cfg.crash1(candidate);
    long stoodBefore = cfg.elections(voter);
    for (int k = 0; k < VOTES; k++) {
      int term = cfg.raft(voter).getState().term() + 1;
      // Up to date whatever the voter holds: its last entry's term is at most its current term.
      sim.send(
          RaftCluster.id(candidate),
          RaftCluster.id(voter),
          new RequestVote(term, RaftCluster.id(candidate), Integer.MAX_VALUE / 2, term));
      cfg.runFor(VOTE_PERIOD_MS);
      if (cfg.elections(voter) > stoodBefore) {
        throw sim.fail(
            "election timer: "
                + RaftCluster.id(voter)
                + " stood for election at term "
                + cfg.raft(voter).getState().term()
                + " although it had granted its vote to a candidate less than "
                + VOTE_PERIOD_MS
                + " ms earlier: reset the election timer when you grant a vote (Figure 2,"
                + " followers), or a voter disrupts the very election it supported with a higher"
                + " term, and elections repeat instead of ending");
      }
    }
    cfg.end();
  }

  /** Leader crashes in {@link #electionsPerCrash}. */
  private static final int CRASHES = 10;

  /** Elections all servers together may stand per crash, on average. */
  private static final double ELECTIONS_PER_CRASH = 2.0;

  /**
   * After a leader crash, randomized election timeouts let one follower time out well before the
   * others and win in one election; timeouts spread too narrowly make followers stand together and
   * split the vote, term after term. Counts the elections stood (one per server and term) to
   * replace a crashed leader, {@value #CRASHES} times, against a budget.
   */
  @SimulationTest
  void electionsPerCrash(Simulation sim) {
    int n = 5;
    RaftCluster cfg = new RaftCluster(sim, n, true, false);
    long stood = 0;
    for (int k = 0; k < CRASHES; k++) {
      int leader = cfg.checkOneLeader();
      cfg.runFor(500);
      long before = cfg.elections();
      cfg.crash1(leader);
      boolean elected =
          sim.tryRunUntil(
              () -> {
                for (int i = 0; i < n; i++) {
                  if (cfg.isUp(i) && cfg.raft(i).getState().isLeader()) {
                    return true;
                  }
                }
                return false;
              },
              Duration.ofSeconds(5));
      if (!elected) {
        throw sim.fail(
            "liveness: no leader within 5 s after " + RaftCluster.id(leader) + " crashed");
      }
      stood += cfg.elections() - before;
      cfg.start1(leader);
    }
    if (stood > ELECTIONS_PER_CRASH * CRASHES) {
      throw sim.fail(
          "elections: replacing a crashed leader "
              + CRASHES
              + " times took "
              + stood
              + " elections (budget "
              + (int) (ELECTIONS_PER_CRASH * CRASHES)
              + ", counting each candidate once per term): spread the randomized election"
              + " timeouts widely (the reference draws from 300-600 ms), or followers time out"
              + " together, split the vote and the cluster stays leaderless for term after term");
    }
    cfg.end();
  }
}
