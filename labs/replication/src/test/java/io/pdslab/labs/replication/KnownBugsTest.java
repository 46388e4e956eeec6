// HANDOUT: OMIT
package io.pdslab.labs.replication;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pdslab.harness.junit.SimulationTest;
import io.pdslab.labs.replication.baseline.AsyncPrimaryBackup;
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
}
