package io.pdslab.harness.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Options and inputs of cluster mode that come from people: hosts files, faults, shell words. */
class ClusterOptionsTest {
  @TempDir Path dir;

  @Test
  void hostsFileTakesHostsWithOrWithoutPortsAndSkipsComments() throws Exception {
    Path file = dir.resolve("hosts");
    Files.writeString(file, "# lab machines\nnode-a.example.org\n\n10.0.0.7:3000  # second\nc\n");
    Map<String, NodeSet.Address> hosts = ClusterRun.hostsFile(file, 2);
    assertEquals(List.of("n0", "n1"), List.copyOf(hosts.keySet()));
    assertEquals(new NodeSet.Address("node-a.example.org", 25521), hosts.get("n0"));
    assertEquals(new NodeSet.Address("10.0.0.7", 3000), hosts.get("n1"));
  }

  @Test
  void badHostsFilesSayWhatIsWrong() throws Exception {
    Path file = dir.resolve("hosts");
    Files.writeString(file, "a\nb:http\n");
    assertMessage(() -> ClusterRun.hostsFile(file, 2), "bad port in 'b:http'");
    assertMessage(() -> ClusterRun.hostsFile(file, 3), "lists 2 hosts, but 3 nodes");
    assertMessage(() -> ClusterRun.hostsFile(dir.resolve("none"), 1), "not found");
  }

  @Test
  void nemesisFaultsAreParsedOrRejected() {
    assertEquals(List.of(Nemesis.Fault.KILL, Nemesis.Fault.PAUSE), Nemesis.parse("kill,pause"));
    assertEquals(List.of(), Nemesis.parse("none"));
    assertEquals(
        List.of(Nemesis.Fault.PARTITION, Nemesis.Fault.KILL), Nemesis.parse("partition,kill"));
    assertMessage(() -> Nemesis.parse("kill,split"), "unknown nemesis fault 'split'");
  }

  @Test
  void badOptionsAreUsageErrorsBeforeAnythingStarts() {
    PrintStream out = new PrintStream(new ByteArrayOutputStream());
    assertMessage(
        () -> ClusterRun.run(new String[] {"--app", "x", "--node", "3"}, out), "unknown option");
    assertMessage(
        () -> ClusterRun.run(new String[] {"--app", "java.lang.String"}, out),
        "does not implement ClusterApp");
    assertMessage(
        () -> ClusterRun.run(new String[] {"--app", "no.such.App"}, out), "cannot create");
  }

  @Test
  void commandsAreQuotedForTheRemoteShell() {
    assertEquals(
        "'java' '-cp' '/a b/c.jar' 'it'\\''s'",
        SshLauncher.quote(List.of("java", "-cp", "/a b/c.jar", "it's")));
  }

  private static void assertMessage(ThrowingRunnable r, String expected) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }

  private interface ThrowingRunnable {
    void run() throws Exception;
  }
}
