package io.pdslab.labs.replication;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pdslab.harness.cluster.ClusterOptions;
import io.pdslab.harness.cluster.NemesisFault;
import io.pdslab.harness.junit.ClusterRuns;
import io.pdslab.labs.replication.given.cluster.ReplicationClusterApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Cluster mode end to end ({@code ./pdslab cluster replication}): three replicas, each in a JVM of
 * its own on a JGroups TCP channel with TCPPING discovery, clients in this JVM, and one kill (the
 * node is restarted and fetches the state again); the clients' history is checked for
 * linearizability.
 *
 * <p>A node that dies on its own is a failure whose reason (the node's exception) is in the
 * assertion's message, with the run's report.
 */
class ClusterModeTest {
  // Kept when the test fails: the nodes' logs and the history are the evidence.
  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"smr", "primary-backup"})
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  void aKilledReplicaRejoinsAndTheHistoryIsLinearizable(String replica) throws Exception {
    Path out = dir.resolve("run");
    ClusterOptions options =
        ClusterOptions.defaults(ReplicationClusterApp.class.getName(), out)
            .withSize(3, 2)
            .withRun(10, NemesisFault.parse("kill"), 1)
            .withSettings(Map.of("replica", replica));
    ClusterRuns.assertLinearizableRun(options);
    String events = Files.readString(out.resolve("events.txt"));
    assertTrue(events.contains("kill -9 ") && events.contains("restart "), events);
  }
}
