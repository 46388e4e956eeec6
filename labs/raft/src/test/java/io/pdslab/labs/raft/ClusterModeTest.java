package io.pdslab.labs.raft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.pdslab.harness.cluster.ClusterOptions;
import io.pdslab.harness.cluster.ClusterRun;
import io.pdslab.harness.cluster.NemesisFault;
import io.pdslab.labs.raft.given.kv.KvClusterApp;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cluster mode end to end: the key-value service on three real JVMs, started, killed, paused and
 * restarted through the SSH launcher (an ssh stand-in that runs the remote command on this machine,
 * as sshd would), with the clients' history checked for linearizability.
 */
class ClusterModeTest {
  @TempDir Path dir;

  @Test
  @Timeout(value = 240, unit = TimeUnit.SECONDS)
  void serversUnderTheNemesisRecoverAndTheHistoryIsLinearizable() throws Exception {
    Path ssh = dir.resolve("fake-ssh");
    Files.writeString(
        ssh,
        String.join(
            "\n",
            "#!/bin/sh",
            "# Drops ssh's options and the host, then runs the command as the remote shell would.",
            "while [ \"${1#-}\" != \"$1\" ]; do",
            "  if [ \"$1\" = -o ]; then shift; fi",
            "  shift",
            "done",
            "shift",
            "exec sh -c \"$*\"",
            ""));
    Files.setPosixFilePermissions(ssh, PosixFilePermissions.fromString("rwx------"));
    List<String> hosts =
        List.of("127.0.0.1:" + freePort(), "127.0.0.1:" + freePort(), "127.0.0.1:" + freePort());
    Path out = dir.resolve("run");
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    ClusterOptions options =
        ClusterOptions.defaults(KvClusterApp.class.getName(), out)
            .withSize(3, 2)
            .withRun(10, NemesisFault.parse("kill,pause,partition"), 1)
            .withHosts(hosts, "127.0.0.1", List.of(ssh.toString()));
    int code = ClusterRun.run(options, new PrintStream(buffer, true, StandardCharsets.UTF_8));
    String report = buffer.toString(StandardCharsets.UTF_8);

    // Three JVMs that cannot even start in time say the machine is overloaded, not that the code
    // is wrong: the test is aborted (reported as skipped, with the report), not passed.
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
    assertTrue(Files.isRegularFile(out.resolve("data/n0/storage.bin")), report);
    // Seed 1's schedule starts with a partition; the nodes got the driver's command through ssh.
    String events = Files.readString(out.resolve("events.txt"));
    assertTrue(events.contains("partition ") && events.contains("heal the partition"), events);
    String cutOff = "";
    for (int n = 0; n < 3; n++) {
      cutOff += Files.readString(out.resolve("logs/n" + n + ".log"));
    }
    assertTrue(cutOff.contains("cut off from"), events);
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
