package io.pdslab.labs.replication.given.cluster;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pdslab.harness.cluster.LoopbackPorts;
import io.pdslab.harness.cluster.NodeSpec;
import io.pdslab.harness.cluster.ServerAddress;
import io.pdslab.harness.cluster.jgroups.ClusterChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cluster mode's node start-up. JGroups makes a node whose discovery hears no one a group of one,
 * which for a restarted replica means serving an empty state (a CI run saw a {@code get} return
 * {@code ""} after a restart). Needs part B's {@code PrimaryBackupReplica.start}.
 */
class ReplicaNodeTest {
  @TempDir Path dir;

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void aRestartedReplicaThatFindsNoOtherServerDoesNotServeAlone() throws Exception {
    ReplicationClusterApp app = new ReplicationClusterApp();
    List<ServerAddress> servers = new ArrayList<>();
    List<Integer> ports = LoopbackPorts.belowEphemeralRange().blocks(3, app.portsPerNode());
    for (int i = 0; i < ports.size(); i++) {
      servers.add(new ServerAddress("n" + i, "127.0.0.1", ports.get(i)));
    }
    // n0 comes back as incarnation 1; n1 and n2 are listed but down, so no one answers.
    NodeSpec restarted =
        new NodeSpec(
            ReplicationClusterApp.class.getName(),
            servers.get(0),
            servers,
            new ServerAddress("driver", "127.0.0.1", 1),
            dir.resolve("n0"),
            1,
            1,
            false,
            Map.of());

    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () ->
                ReplicaNode.start(
                    restarted,
                    ReplicaKind.PRIMARY_BACKUP,
                    ClusterChannel.PORTS,
                    Duration.ofSeconds(3)));
    assertTrue(e.getMessage().contains("does not serve alone"), e.getMessage());
  }
}
