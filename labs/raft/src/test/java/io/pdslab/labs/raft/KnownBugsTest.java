// HANDOUT: OMIT
package io.pdslab.labs.raft;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.pdslab.harness.junit.SimulationTest;
import io.pdslab.harness.testrun.PlantedBug;
import io.pdslab.harness.testrun.TestId;
import io.pdslab.labs.raft.testing.Mutant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;

/**
 * Tests of the tests: each classic Raft bug, planted in a copy of the reference solution (a {@link
 * PlantedBug} in {@code src/hidden/planted/}, the format of the graded examples too), must be
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
        "vote-without-up-to-date-check",
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
        "commit-old-term-by-counting",
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
        "append-without-consistency-check",
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
        "conflicting-tail-kept", seed, "log matching", "AgreementTest#conflictingTailDeleted");
  }

  /** votedFor not persisted: a restarted voter votes twice in one term. */
  @SimulationTest
  void votedForNotPersisted(long seed) throws Exception {
    assertCaught("voted-for-not-persisted", seed, "safety", "PersistenceTest#persistVote");
  }

  /**
   * Not a Raft bug but a way around the log checks: the handout's {@code logView()} stub returning
   * null passes part A, and fails from the first commit on with a message that asks for it.
   */
  @SimulationTest
  void logViewLeftNull(long seed) throws Exception {
    assertCaught(
        "log-view-left-null", seed, "Raft.logView() returned null", "AgreementTest#basicAgree");
    Throwable electionFailure =
        MUTANTS.get("log-view-left-null").run("ElectionTest", "initialElection", seed);
    assertTrue(electionFailure == null, "part A needs no logView(): " + electionFailure);
  }

  /**
   * A follower resets its election timer on an AppendEntries of a stale term: a deposed leader that
   * cannot hear the others keeps them from ever electing a new leader.
   */
  @SimulationTest
  void staleHeartbeatResetsElectionTimer(long seed) throws Exception {
    assertCaught(
        "stale-heartbeat-resets-election-timer",
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
    assertCaught(
        "higher-term-in-reply-ignored",
        seed,
        "term handling",
        "ElectionTest#higherTermInReplyDeposesLeader");
  }

  /** A voter does not reset its election timer when it grants a vote: it stands right after. */
  @SimulationTest
  void grantedVoteKeepsElectionTimer(long seed) throws Exception {
    assertCaught(
        "granted-vote-keeps-election-timer",
        seed,
        "election timer",
        "ElectionTest#grantingAVoteResetsTheElectionTimer");
  }

  /** Election timeouts spread over 5 ms instead of 300: followers stand together, votes split. */
  @SimulationTest
  void electionTimeoutsBarelyRandomized(long seed) throws Exception {
    assertCaught(
        "election-timeouts-barely-randomized", seed, "elections", "ElectionTest#electionsPerCrash");
  }

  /**
   * A follower too short for prevLogIndex answers with conflictIndex = prevLogIndex: the leader
   * backs up one entry per round trip over every entry the follower misses.
   */
  @SimulationTest
  void shortLogGivesNoHint(long seed) throws Exception {
    assertCaught(
        "short-log-gives-no-hint", seed, "catch-up", "AgreementTest#laggingFollowerCatchesUp");
  }

  /**
   * A follower bounds its commit index by the end of its own log, not by the last entry the
   * AppendEntries vouched for: it commits a stale tail of an old term.
   */
  @SimulationTest
  void commitIndexPastLastNewEntry(long seed) throws Exception {
    assertCaught(
        "commit-index-past-last-new-entry",
        seed,
        "commit index",
        "AgreementTest#commitStopsAtTheLastNewEntry");
  }

  /** A follower takes leaderCommit as its commit index, unbounded. */
  @SimulationTest
  void commitIndexIsLeaderCommit(long seed) throws Exception {
    assertCaught(
        "commit-index-is-leader-commit",
        seed,
        "commit index",
        "AgreementTest#commitStopsAtTheLastNewEntry");
  }

  /**
   * A follower compares leaderCommit, not min(leaderCommit, last new entry), with its commit index:
   * a late, shorter AppendEntries lowers it.
   */
  @SimulationTest
  void commitIndexLoweredByALateAppend(long seed) throws Exception {
    assertCaught(
        "commit-index-lowered-by-a-late-append",
        seed,
        "commit index",
        "AgreementTest#aLateAppendEntriesNeverLowersTheCommitIndex");
  }

  /** A leader backs up one entry per rejection, ignoring conflictTerm and conflictIndex. */
  @SimulationTest
  void noFastBackup(long seed) throws Exception {
    assertCaught("no-fast-backup", seed, "fast backup", "AgreementTest#fastBackup");
  }

  /** A candidate ignores the higher term in a vote reply: it stays in its stale term. */
  @SimulationTest
  void voteReplyHigherTermIgnored(long seed) throws Exception {
    assertCaught(
        "vote-reply-higher-term-ignored",
        seed,
        "term handling",
        "ElectionTest#higherTermInAVoteReplyEndsACandidacy");
  }

  /** Half the servers count as a majority: two of four elect a leader. */
  @SimulationTest
  void majorityIsHalf(long seed) throws Exception {
    assertCaught(
        "majority-is-half", seed, "election safety", "ElectionTest#evenClusterNeedsThreeOfFour");
  }

  /** A candidate's new term and self-vote are not saved before it asks for votes. */
  @SimulationTest
  void electionNotPersisted(long seed) throws Exception {
    assertCaught(
        "election-not-persisted",
        seed,
        "persistence",
        "PersistenceTest#termAndVoteSurviveACrashRightAfter");
  }

  /** A higher term adopted on stepping down is not saved: the term goes backwards on restart. */
  @SimulationTest
  void stepDownNotPersisted(long seed) throws Exception {
    assertCaught(
        "step-down-not-persisted",
        seed,
        "persistence",
        "PersistenceTest#termAndVoteSurviveACrashRightAfter");
  }

  /** A leader counts success replies of an earlier term: it commits what no follower holds. */
  @SimulationTest
  void repliesOfEarlierTermsCounted(long seed) throws Exception {
    assertCaught(
        "replies-of-earlier-terms-counted",
        seed,
        "commit",
        "AgreementTest#repliesOfAnEarlierTermAreIgnored");
  }

  /** A leader ignores conflictTerm: it resends the shared entries of the conflicting term. */
  @SimulationTest
  void conflictTermIgnored(long seed) throws Exception {
    assertCaught(
        "conflict-term-ignored", seed, "fast backup", "AgreementTest#conflictingTermBackup");
  }

  /**
   * A leader that holds no entry of conflictTerm backs up to the start of its log: it resends every
   * entry it shares with the follower.
   */
  @SimulationTest
  void absentConflictTermBacksUpToTheStart(long seed) throws Exception {
    assertCaught(
        "absent-conflict-term-backs-up-to-the-start",
        seed,
        "fast backup",
        "AgreementTest#backupPastATermTheLeaderLacks");
  }

  /** A leader that steps down leaves its election timer stopped: it never stands again. */
  @SimulationTest
  void deposedLeaderTimerNotRestarted(long seed) throws Exception {
    assertCaught(
        "deposed-leader-timer-not-restarted",
        seed,
        "liveness",
        "ElectionTest#aDeposedLeaderStandsAgain");
  }

  /**
   * A leader that steps down leaves its heartbeat timer running: deposed, it keeps sending
   * AppendEntries in the newer term it adopted, a second leader of that term.
   */
  @SimulationTest
  void deposedLeaderKeepsSendingHeartbeats(long seed) throws Exception {
    assertCaught(
        "deposed-leader-keeps-sending-heartbeats",
        seed,
        "election safety",
        "ElectionTest#deposedLeaderThatCannotHear");
  }

  /** A leader counts only replicas strictly past an index: the last entry waits for another. */
  @SimulationTest
  void commitCountsOnlyReplicasPastTheEntry(long seed) throws Exception {
    assertCaught(
        "commit-counts-only-replicas-past-the-entry",
        seed,
        "commit",
        "AgreementTest#aLoneCommandCommitsPromptly");
  }

  /** A leader ignores the higher term in an InstallSnapshot reply. */
  @SimulationTest
  void snapshotReplyHigherTermIgnored(long seed) throws Exception {
    assertCaught(
        "snapshot-reply-higher-term-ignored",
        seed,
        "term handling",
        "SnapshotTest#higherTermInASnapshotReplyDeposesLeader");
  }

  /**
   * A server drops an InstallSnapshot of an older term unanswered: a deposed leader that reaches
   * only a follower behind its snapshot never learns the newer term.
   */
  @SimulationTest
  void staleInstallSnapshotUnanswered(long seed) throws Exception {
    assertCaught(
        "stale-install-snapshot-unanswered",
        seed,
        "term handling",
        "SnapshotTest#aStaleInstallSnapshotIsAnsweredWithTheNewerTerm");
  }

  /**
   * A follower installs a leader's snapshot without treating it as hearing from the leader: its
   * election timer runs out while the leader's InstallSnapshots keep arriving.
   */
  @SimulationTest
  void installSnapshotNotHearingFromLeader(long seed) throws Exception {
    assertCaught(
        "install-snapshot-not-hearing-from-leader",
        seed,
        "election timer",
        "SnapshotTest#anInstallSnapshotCountsAsHearingFromTheLeader");
  }

  /** A leader steps down on an InstallSnapshot reply of its own term. */
  @SimulationTest
  void snapshotReplyOfOwnTermDeposesLeader(long seed) throws Exception {
    assertCaught(
        "snapshot-reply-of-own-term-deposes-leader",
        seed,
        "term handling",
        "SnapshotTest#aSnapshotReplyOfTheLeadersTermKeepsItLeader");
  }

  /** A follower reads its log below its snapshot when an AppendEntries starts inside it. */
  @SimulationTest
  void appendEntriesInsideSnapshotUnhandled(long seed) throws Exception {
    assertCaught(
        "append-entries-inside-snapshot-unhandled",
        seed,
        "inside its snapshot",
        "SnapshotTest#appendEntriesStartingInsideTheSnapshot");
  }

  /**
   * A follower discards its whole log on an InstallSnapshot that covers only a prefix of it: a late
   * snapshot drops entries it already acknowledged.
   */
  @SimulationTest
  void installSnapshotDropsTheEntriesAfterIt(long seed) throws Exception {
    assertCaught(
        "install-snapshot-drops-the-entries-after-it",
        seed,
        "Figure 13, step 6",
        "SnapshotTest#anInstallSnapshotKeepsTheEntriesAfterIt");
  }

  /**
   * A key-value leader answers gets from its own state without committing them through the log:
   * once deposed (and unaware of it), it serves stale values.
   */
  @SimulationTest
  void kvReadsServedWithoutTheLog(long seed) throws Exception {
    assertCaught(
        "kv-reads-served-without-the-log",
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
    assertCaught(
        "kv-overwritten-entry-acknowledged",
        seed,
        "linearizability",
        "KvScenarioTest#entryOverwrittenByNewLeader");
  }

  /** The service's snapshot leaves out the duplicate table: a retry after a restart runs twice. */
  @SimulationTest
  void kvDuplicateTableNotInSnapshot(long seed) throws Exception {
    assertCaught(
        "kv-duplicate-table-not-in-snapshot",
        seed,
        "at-most-once",
        "KvScenarioTest#duplicateDetectionSurvivesRestartFromSnapshot");
  }

  /**
   * A key-value server checks the duplicate table when a request arrives, not when applying it: a
   * request that a client retried before its first copy committed runs twice.
   */
  @SimulationTest
  void kvDuplicatesCheckedOnlyOnArrival(long seed) throws Exception {
    assertCaught(
        "kv-duplicates-checked-only-on-arrival",
        seed,
        "at-most-once",
        "KvScenarioTest#requestLoggedTwiceRunsOnce");
  }

  /**
   * A key-value server answers nobody when another entry is applied at its request's index: the
   * client whose entry a new leader overwrote waits for a timeout.
   */
  @SimulationTest
  void kvOverwrittenEntryUnanswered(long seed) throws Exception {
    assertCaught(
        "kv-overwritten-entry-unanswered",
        seed,
        "liveness",
        "KvScenarioTest#entryOverwrittenByNewLeader");
  }

  /**
   * A key-value leader puts a request where another one was waiting and forgets the other one: it
   * is never answered.
   */
  @SimulationTest
  void kvDisplacedRequestForgotten(long seed) throws Exception {
    assertCaught(
        "kv-displaced-request-forgotten",
        seed,
        "liveness",
        "KvScenarioTest#aRequestDisplacedFromItsIndexIsAnswered");
  }

  /**
   * A key-value server answers any request not newer than the client's last one with the last
   * result: a late copy of an old get is told another request's result.
   */
  @SimulationTest
  void kvAnyOldRequestGetsTheLastResult(long seed) throws Exception {
    assertCaught(
        "kv-any-old-request-gets-the-last-result",
        seed,
        "at-most-once",
        "KvScenarioTest#aLateCopyOfAnOldRequestGetsNoOtherResult");
  }

  /**
   * Plants {@code name} ({@code src/hidden/planted/<name>.json}) in the reference and runs {@code
   * tests} on it until one fails: it must fail naming {@code property}.
   */
  private static void assertCaught(String name, long seed, String property, String... tests)
      throws Exception {
    Mutant mutant = MUTANTS.get(name);
    if (mutant == null) {
      Optional<PlantedBug> bug = Mutant.planted(name);
      assumeTrue(bug.isPresent(), "not the reference solution");
      mutant = Mutant.of(bug.get());
      MUTANTS.put(name, mutant);
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
    fail("the planted bug " + name + " passed" + passed);
  }

  @AfterAll
  static void deleteMutants() throws Exception {
    for (Mutant m : MUTANTS.values()) {
      m.close();
    }
    MUTANTS.clear();
  }
}
