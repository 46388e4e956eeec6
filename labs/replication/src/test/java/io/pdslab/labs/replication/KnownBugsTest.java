// HANDOUT: OMIT
package io.pdslab.labs.replication;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pdslab.harness.junit.SimulationTest;
import io.pdslab.labs.replication.baseline.AsyncPrimaryBackup;
import io.pdslab.labs.replication.baseline.ForgetsMerges;
import java.util.List;
import org.jgroups.stack.Protocol;
import org.junit.jupiter.api.Timeout;

/**
 * Tests of the tests: a known-bad replica must fail the test that targets its bug, on every seed,
 * with the checker's explanation. (The examples under {@code examples/} plant more bugs in student
 * files; {@code ./pdslab grade --examples} checks that they lose exactly their part's points.)
 */
@Timeout(120)
class KnownBugsTest {

  /**
   * Asynchronous backups (ReplicatedHashMap style): an acknowledged write dies with the primary.
   */
  @SimulationTest
  void asynchronousBackupsLoseAcknowledgedWrites(long seed) {
    AssertionError e =
        assertThrows(
            AssertionError.class,
            () ->
                PrimaryBackupTest.acknowledgedWritesSurvivePrimaryCrash(
                    seed, AsyncPrimaryBackup::new));
    assertTrue(e.getMessage().contains("not linearizable"), e::getMessage);
    assertTrue(
        e.getMessage().contains("cut r0>r1"), "the report lists the faults: " + e.getMessage());
  }

  /**
   * A minority that keeps accepting writes (part B's primary-backup, which has no majority rule):
   * its primary acknowledges writes the other side never sees.
   */
  @SimulationTest
  void minorityThatKeepsAcceptingWrites(long seed) {
    AssertionError e =
        assertThrows(
            AssertionError.class,
            () ->
                PartitionTest.splitAndHeal(
                    seed,
                    PartitionTest.group(seed, PrimaryBackupReplica::new, () -> new Protocol[0]),
                    List.of("r0", "r1"),
                    List.of("r2", "r3", "r4")));
    assertTrue(e.getMessage().contains("minority side"), e::getMessage);
  }

  /** No side of a 2|2 split may write; part B's primary-backup lets both primaries write. */
  @SimulationTest
  void evenSplitWithTwoPrimaries(long seed) {
    AssertionError e =
        assertThrows(
            AssertionError.class,
            () ->
                PartitionTest.evenSplitLeavesNoSideWritable(
                    seed,
                    PartitionTest.group(seed, PrimaryBackupReplica::new, () -> new Protocol[0])));
    assertTrue(e.getMessage().contains("2|2 split"), e::getMessage);
  }

  /**
   * A merge handled like any view change: the merged coordinator (r0, from the minority) keeps its
   * side's state and copies it over the majority's writes.
   */
  @SimulationTest
  void mergeThatKeepsTheLosingSidesState(long seed) {
    AssertionError e =
        assertThrows(
            AssertionError.class,
            () ->
                PartitionTest.splitAndHeal(
                    seed,
                    PartitionTest.group(
                        seed,
                        (ch, cluster) -> new PartitionedReplica(ch, cluster, 5),
                        () -> new Protocol[] {new ForgetsMerges()}),
                    List.of("r0", "r1"),
                    List.of("r2", "r3", "r4")));
    assertTrue(e.getMessage().contains("not linearizable"), e::getMessage);
  }
}
