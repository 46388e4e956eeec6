// HANDOUT: OMIT
package io.pdslab.labs.raft;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.pdslab.harness.junit.SimulationTest;
import io.pdslab.harness.testrun.TestId;
import io.pdslab.labs.raft.testing.Mutant;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;

/**
 * Tests of the tests: each classic Raft bug, planted in a copy of the reference solution, must be
 * caught — on every seed — by at least one of the tests that target it, with a message naming the
 * violated property. Runs only on the reference (a student's Raft has no solution markers).
 */
class KnownBugsTest {

  /** Compiled once per bug, shared by the seeds. */
  private static final Map<String, Mutant> MUTANTS = new TreeMap<>();

  /**
   * Votes granted without the election restriction (§5.4.1): a server missing committed entries
   * becomes leader.
   */
  @SimulationTest
  void voteWithoutUpToDateCheck(long seed) throws Exception {
    assertCaught(
        "return lastTerm > myLastTerm || (lastTerm == myLastTerm && lastIndex >= lastLogIndex());",
        "return true;",
        seed,
        "leader completeness",
        "PersistenceTest#persist3",
        "AgreementTest#backup",
        "PersistenceTest#persist2",
        "PersistenceTest#figure8Scripted");
  }

  /**
   * Committing an earlier term's entry by counting replicas (Figure 8): a later leader lacks it.
   */
  @SimulationTest
  void commitOldTermByCounting(long seed) throws Exception {
    assertCaught(
        "return termAt(index) == currentTerm;",
        "return true;",
        seed,
        "leader completeness",
        "PersistenceTest#figure8Scripted");
  }

  /**
   * A follower appends without the consistency check on prevLogIndex/prevLogTerm (§5.3): its new
   * entries follow a different history than the leader's.
   */
  @SimulationTest
  void appendWithoutConsistencyCheck(long seed) throws Exception {
    assertCaught(
        "} else if (termAt(prev) != m.prevLogTerm()) {",
        "} else if (false) {",
        seed,
        "log matching",
        "PersistenceTest#figure8Scripted",
        "PersistenceTest#figure8");
  }

  /**
   * A follower overwrites conflicting entries in place instead of deleting them and all that follow
   * (§5.3): a stale tail from an old term stays behind the leader's entries.
   */
  @SimulationTest
  void conflictingTailKept(long seed) throws Exception {
    assertCaught(
        "        log.subList(index - snapshotIndex - 1, log.size()).clear();\n",
        """
                for (int k = i; k < entries.size(); k++) {
                  int at = index + k - i - snapshotIndex - 1;
                  if (at < log.size()) {
                    log.set(at, entries.get(k));
                  } else {
                    log.add(entries.get(k));
                  }
                }
                changed = true;
                break;
        """,
        seed,
        "log matching",
        "AgreementTest#conflictingTailDeleted");
  }

  /** votedFor not persisted: a restarted voter votes twice in one term. */
  @SimulationTest
  void votedForNotPersisted(long seed) throws Exception {
    assertCaught(
        "new PersistentState(currentTerm, votedFor,",
        "new PersistentState(currentTerm, null,",
        seed,
        "safety",
        "PersistenceTest#persistVote");
  }

  /**
   * Not a Raft bug but a way around the log checks: the handout's {@code logView()} stub returning
   * null passes part A, and fails from the first commit on with a message that asks for it.
   */
  @SimulationTest
  void logViewLeftNull(long seed) throws Exception {
    String original =
        "return new LogView(snapshotIndex, snapshotTerm, Collections.unmodifiableList(log),"
            + " commitIndex);";
    assertCaught(
        original, "return null;", seed, "Raft.logView() returned null", "AgreementTest#basicAgree");
    Throwable electionFailure = MUTANTS.get(original).run("ElectionTest", "initialElection", seed);
    assertTrue(electionFailure == null, "part A needs no logView(): " + electionFailure);
  }

  /**
   * A follower resets its election timer on an AppendEntries of a stale term: a deposed leader that
   * cannot hear the others keeps them from ever electing a new leader.
   */
  @SimulationTest
  void staleHeartbeatResetsElectionTimer(long seed) throws Exception {
    String reject =
        "      env.send(m.leaderId(), new AppendEntriesReply(currentTerm, false, env.self(), 0, 0,"
            + " -1));\n      return;\n    }\n    acceptLeader(m.term());";
    assertCaught(
        reject,
        "      resetElectionTimer();\n" + reject,
        seed,
        "liveness",
        "ElectionTest#deposedLeaderThatCannotHear");
  }

  /**
   * A leader ignores the higher term in an AppendEntries reply: cut off from the new leader but not
   * from its followers, it leads a stale term for ever.
   */
  @SimulationTest
  void higherTermInReplyIgnored(long seed) throws Exception {
    String check =
        "    if (role != Role.LEADER || m.term() != currentTerm) {\n      return;\n    }\n";
    assertCaught(
        "    if (m.term() > currentTerm) {\n      stepDown(m.term());\n      return;\n    }\n"
            + check
            + "    String peer = m.from();",
        check + "    String peer = m.from();",
        seed,
        "term handling",
        "ElectionTest#higherTermInReplyDeposesLeader");
  }

  /** A voter does not reset its election timer when it grants a vote: it stands right after. */
  @SimulationTest
  void grantedVoteKeepsElectionTimer(long seed) throws Exception {
    assertCaught(
        "      persist();\n      resetElectionTimer();\n    }\n    env.send(m.candidateId()",
        "      persist();\n    }\n    env.send(m.candidateId()",
        seed,
        "election timer",
        "ElectionTest#grantingAVoteResetsTheElectionTimer");
  }

  /** Election timeouts spread over 5 ms instead of 300: followers stand together, votes split. */
  @SimulationTest
  void electionTimeoutsBarelyRandomized(long seed) throws Exception {
    assertCaught(
        "ELECTION_TIMEOUT_MIN_MS + env.random().nextInt(ELECTION_TIMEOUT_SPREAD_MS);",
        "ELECTION_TIMEOUT_MIN_MS + env.random().nextInt(5);",
        seed,
        "elections",
        "ElectionTest#electionsPerCrash");
  }

  /**
   * A follower too short for prevLogIndex answers with conflictIndex = prevLogIndex: the leader
   * backs up one entry per round trip over every entry the follower misses.
   */
  @SimulationTest
  void shortLogGivesNoHint(long seed) throws Exception {
    assertCaught(
        "new AppendEntriesReply(currentTerm, false, env.self(), 0, lastLogIndex() + 1, -1));",
        "new AppendEntriesReply(currentTerm, false, env.self(), 0, prev, -1));",
        seed,
        "catch-up",
        "AgreementTest#laggingFollowerCatchesUp");
  }

  /** A leader backs up one entry per rejection, ignoring conflictTerm and conflictIndex. */
  @SimulationTest
  void noFastBackup(long seed) throws Exception {
    assertCaught(
        """
            int next = m.conflictIndex();
            if (m.conflictTerm() >= 0) {
              int last = lastIndexOfTerm(m.conflictTerm());
              if (last > 0) {
                next = last + 1;
              }
            }
        """,
        "    int next = nextIndex.get(peer) - 1;\n",
        seed,
        "fast backup",
        "AgreementTest#fastBackup");
  }

  /**
   * A key-value leader answers gets from its own state without committing them through the log:
   * once deposed (and unaware of it), it serves stale values.
   */
  @SimulationTest
  void kvReadsServedWithoutTheLog(long seed) throws Exception {
    assertCaughtIn(
        Mutant.KV_SERVER,
        "    StartResult r = raft.start(KvCommand.of(request));\n",
        """
            if (request.kind() == KvMessage.Kind.GET && raft.getState().isLeader()) {
              reply(request, KvMessage.OK, data.getOrDefault(request.key(), ""));
              return;
            }
            StartResult r = raft.start(KvCommand.of(request));
        """,
        seed,
        "linearizability",
        "KvScenarioTest#readAtDeposedLeader");
  }

  /**
   * A key-value server answers OK when the index its request was appended at is applied, whatever
   * entry a new leader put there: the client's request was lost.
   */
  @SimulationTest
  void kvOverwrittenEntryAcknowledged(long seed) throws Exception {
    assertCaughtIn(
        Mutant.KV_SERVER,
        "boolean same = waiting.clientId().equals(c.clientId()) && waiting.seq() == c.seq();",
        "boolean same = true;",
        seed,
        "linearizability",
        "KvScenarioTest#entryOverwrittenByNewLeader");
  }

  /** The service's snapshot leaves out the duplicate table: a retry after a restart runs twice. */
  @SimulationTest
  void kvDuplicateTableNotInSnapshot(long seed) throws Exception {
    assertCaughtIn(
        Mutant.KV_SERVER,
        "Persister.encode(new State(data, lastSeq, lastResult))",
        "Persister.encode(new State(data, new TreeMap<>(), new TreeMap<>()))",
        seed,
        "at-most-once",
        "KvScenarioTest#duplicateDetectionSurvivesRestartFromSnapshot");
  }

  private static void assertCaught(
      String original, String bug, long seed, String property, String... tests) throws Exception {
    assertCaughtIn(Mutant.RAFT, original, bug, seed, property, tests);
  }

  private static void assertCaughtIn(
      String file, String original, String bug, long seed, String property, String... tests)
      throws Exception {
    String source = Mutant.referenceSource(file);
    assumeTrue(source != null, "not the reference solution");
    Mutant mutant = MUTANTS.get(original);
    if (mutant == null) {
      mutant = Mutant.of(file, source, original, bug);
      MUTANTS.put(original, mutant);
    }
    StringBuilder passed = new StringBuilder();
    for (String test : tests) {
      TestId id = TestId.parse(test);
      Throwable failure = mutant.run(id.className(), id.method(), seed);
      if (failure == null) {
        passed.append(' ').append(test);
        continue;
      }
      assertTrue(
          String.valueOf(failure.getMessage()).contains(property),
          test + " failed without naming " + property + ": " + failure);
      return;
    }
    fail("the buggy " + file + " (" + bug + ") passed" + passed);
  }

  @AfterAll
  static void deleteMutants() throws Exception {
    for (Mutant m : MUTANTS.values()) {
      m.close();
    }
    MUTANTS.clear();
  }
}
