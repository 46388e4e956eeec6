package io.pdslab.labs.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.pdslab.harness.cluster.ClusterOptions;
import io.pdslab.harness.cluster.ClusterRun;
import io.pdslab.harness.cluster.NemesisFault;
import io.pdslab.labs.replication.given.cluster.ReplicationClusterApp;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Cluster mode end to end ({@code ./pdslab cluster replication}): three replicas, each in a JVM of
 * its own on a JGroups TCP channel with TCPPING discovery, clients in this JVM, and one kill (the
 * node is restarted and fetches the state again); the clients' history is checked for
 * linearizability.
 */
class ClusterModeTest {
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"smr", "primary-backup"})
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  void aKilledReplicaRejoinsAndTheHistoryIsLinearizable(String replica) throws Exception {
    Path out = dir.resolve("run");
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    ClusterOptions options =
        ClusterOptions.defaults(ReplicationClusterApp.class.getName(), out)
            .withSize(3, 2)
            .withRun(5, NemesisFault.parse("kill"), 1)
            .withSettings(Map.of("replica", replica));
    int code = ClusterRun.run(options, new PrintStream(buffer, true, StandardCharsets.UTF_8));
    String report = buffer.toString(StandardCharsets.UTF_8);

    // JVMs that cannot even start in time say the machine is overloaded, not that the code is
    // wrong: the test is aborted (reported as skipped, with the report), not passed.
    assumeFalse(
        report.contains("did not all join within"),
        () -> "machine too loaded to start the cluster; not a verdict on the code:\n" + report);
    assertEquals(0, code, report);
    assertTrue(report.contains("history: linearizable"), report);
    Matcher completed = Pattern.compile("operations: (\\d+) completed").matcher(report);
    assertTrue(completed.find() && Integer.parseInt(completed.group(1)) > 0, report);
    Matcher faults = Pattern.compile("faults injected: (\\d+)").matcher(report);
    assertTrue(faults.find() && Integer.parseInt(faults.group(1)) > 0, report);
    assertTrue(Files.isRegularFile(out.resolve("history.json")), report);
    String events = Files.readString(out.resolve("events.txt"));
    assertTrue(events.contains("kill -9 ") && events.contains("restart "), events);
  }
}
