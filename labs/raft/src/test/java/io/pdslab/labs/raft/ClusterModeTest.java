package io.pdslab.labs.raft;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pdslab.harness.cluster.ClusterOptions;
import io.pdslab.harness.cluster.NemesisFault;
import io.pdslab.harness.junit.ClusterRuns;
import io.pdslab.labs.raft.given.kv.KvClusterApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cluster mode end to end: the key-value service on three real JVMs, started, killed, paused and
 * restarted through the SSH launcher (an ssh stand-in that runs the remote command on this machine,
 * as sshd would), with the clients' history checked for linearizability.
 */
class ClusterModeTest {
  // Kept when the test fails: the nodes' logs and the history are the evidence.
  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path dir;

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
    List<String> hosts = ClusterRuns.loopbackHosts(3, 1);
    Path out = dir.resolve("run");
    ClusterOptions options =
        ClusterOptions.defaults(KvClusterApp.class.getName(), out)
            .withSize(3, 2)
            .withRun(10, NemesisFault.parse("kill,pause,partition"), 1)
            .withHosts(hosts, "127.0.0.1", List.of(ssh.toString()));
    String report = ClusterRuns.assertLinearizableRun(options);
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
}
