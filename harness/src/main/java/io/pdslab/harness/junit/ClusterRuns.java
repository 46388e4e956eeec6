package io.pdslab.harness.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.pdslab.harness.cluster.ClusterOptions;
import io.pdslab.harness.cluster.ClusterRun;
import io.pdslab.harness.cluster.LoopbackPorts;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The end-to-end check every lab's cluster-mode test shares: run the cluster, then assert what any
 * good run reports. What is particular to a lab (its faults' traces in the logs, its files) the
 * lab's test checks on top, in the run's output folder.
 */
public final class ClusterRuns {
  private ClusterRuns() {}

  /**
   * Runs the cluster of {@code options} and asserts that it passed: exit code 0, a linearizable
   * history of at least one completed operation, at least one fault injected, the history file
   * written. A run whose JVMs could not even start in time aborts the test (a skip, with the
   * report), since an overloaded machine is no verdict on the code.
   *
   * @return the run's report, for further checks
   */
  public static String assertLinearizableRun(ClusterOptions options) throws Exception {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    int code = ClusterRun.run(options, new PrintStream(buffer, true, StandardCharsets.UTF_8));
    String report = buffer.toString(StandardCharsets.UTF_8);
    assumeFalse(
        report.contains("did not all join within"),
        () -> "machine too loaded to start the cluster; not a verdict on the code:\n" + report);
    assertEquals(0, code, report);
    assertTrue(report.contains("history: linearizable"), report);
    assertTrue(count(report, "operations: (\\d+) completed") > 0, report);
    assertTrue(count(report, "faults injected: (\\d+)") > 0, report);
    assertTrue(Files.isRegularFile(options.out().resolve("history.json")), report);
    return report;
  }

  /**
   * {@code n} servers' addresses on loopback for a run with hosts ({@code 127.0.0.1:port} each),
   * with {@code portsPerNode} free ports each below the ephemeral range, so that a restarted server
   * finds its ports free again (see {@link LoopbackPorts}).
   */
  public static List<String> loopbackHosts(int n, int portsPerNode) throws IOException {
    return LoopbackPorts.belowEphemeralRange().blocks(n, portsPerNode).stream()
        .map(port -> "127.0.0.1:" + port)
        .toList();
  }

  private static long count(String report, String pattern) {
    Matcher m = Pattern.compile(pattern).matcher(report);
    return m.find() ? Long.parseLong(m.group(1)) : -1;
  }
}
