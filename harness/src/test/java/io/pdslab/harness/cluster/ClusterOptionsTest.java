package io.pdslab.harness.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Options and inputs of cluster mode that come from people: hosts, faults, settings, shells. */
class ClusterOptionsTest {
  @TempDir Path dir;

  @Test
  void hostsFileTakesHostsWithOrWithoutPortsAndSkipsComments() throws Exception {
    Path file = dir.resolve("hosts");
    Files.writeString(file, "# lab machines\nnode-a.example.org\n\n10.0.0.7:3000  # second\n");
    List<String> hosts = Hosts.readFile(file);
    assertEquals(List.of("node-a.example.org", "10.0.0.7:3000"), hosts);
    // Round robin; two ports per node: a host's later nodes get the ports after its earlier ones.
    assertEquals(
        List.of(
            new ServerAddress("n0", "node-a.example.org", 25521),
            new ServerAddress("n1", "10.0.0.7", 3000),
            new ServerAddress("n2", "node-a.example.org", 25525),
            new ServerAddress("n3", "10.0.0.7", 3002)),
        Hosts.place(hosts, 4, 2));
  }

  @Test
  void badHostsFilesSayWhatIsWrong() throws Exception {
    Path file = dir.resolve("hosts");
    Files.writeString(file, "a\nb:http\n");
    assertMessage(() -> Hosts.readFile(file), "bad port in 'b:http'");
    Files.writeString(file, "# nothing\n");
    assertMessage(() -> Hosts.readFile(file), "lists no host");
    assertMessage(() -> Hosts.readFile(dir.resolve("none")), "not found");
  }

  @Test
  void slurmHostsComeFromScontrol() throws Exception {
    Path scontrol = dir.resolve("scontrol");
    Files.writeString(
        scontrol,
        "#!/bin/sh\n[ \"$1 $2 $3\" = \"show hostnames n[1-2]\" ] && printf 'n1\\nn2\\n'\n");
    Files.setPosixFilePermissions(scontrol, PosixFilePermissions.fromString("rwx------"));
    assertEquals(
        List.of("n1", "n2"),
        Hosts.fromSlurm(
                Map.of(Hosts.SLURM_NODELIST, "n[1-2]"),
                List.of(scontrol.toString(), "show", "hostnames"))
            .orElseThrow());
    assertTrue(Hosts.fromSlurm(Map.of(), List.of("scontrol")).isEmpty());
  }

  @Test
  void nemesisFaultsAreParsedOrRejected() {
    assertEquals(List.of(NemesisFault.KILL, NemesisFault.PAUSE), NemesisFault.parse("kill,pause"));
    assertEquals(List.of(), NemesisFault.parse("none"));
    assertEquals(
        List.of(NemesisFault.PARTITION, NemesisFault.KILL), NemesisFault.parse("partition,kill"));
    assertMessage(() -> NemesisFault.parse("kill,split"), "unknown nemesis fault 'split'");
    assertEquals("partition,kill", NemesisFault.format(NemesisFault.parse("partition,kill")));
  }

  @Test
  void optionsAreCheckedWhenBuiltAndSurviveTheirJsonFile() throws Exception {
    ClusterOptions o =
        ClusterOptions.defaults("x.App", dir.resolve("out"))
            .withHosts(List.of("h1", "h2:7800"), "10.0.0.1", List.of("ssh", "-p", "2222"))
            .withSettings(Map.of("replica", "smr"));
    Path file = dir.resolve("options.json");
    o.write(file);
    assertEquals(o, ClusterOptions.read(file));
    assertMessage(() -> o.withSize(0, 3), "must be at least 1");
    assertMessage(() -> o.withSize(2, 1), "needs at least 3 nodes");
    assertMessage(() -> o.withHosts(List.of("h:x"), null, List.of()), "bad port in 'h:x'");
  }

  @Test
  void nodeSpecsSurviveTheirJson() {
    ServerAddress a = new ServerAddress("n0", "127.0.0.1", 4000);
    NodeSpec spec =
        new NodeSpec(
            "x.App",
            a,
            List.of(a, new ServerAddress("n1", "h'1", 4002)),
            new ServerAddress("driver", "127.0.0.1", 5000),
            dir.resolve("data/n0"),
            7,
            2,
            false,
            Map.of("k", "v w"));
    assertEquals(spec, NodeSpec.fromJson(spec.toJson()));
    String withoutSelf = spec.toJson().replaceFirst("\"self\":\\{[^}]*\\},", "");
    assertMessage(() -> NodeSpec.fromJson(withoutSelf), "not a node spec");
  }

  @Test
  void aBadAppIsAUsageErrorBeforeAnythingStarts() {
    PrintStream out = new PrintStream(new ByteArrayOutputStream());
    assertMessage(
        () -> ClusterRun.run(ClusterOptions.defaults("java.lang.String", dir), out),
        "does not implement ClusterApp");
    assertMessage(
        () -> ClusterRun.run(ClusterOptions.defaults("no.such.App", dir), out), "cannot create");
  }

  @Test
  void commandsAreQuotedForTheRemoteShell() {
    assertEquals(
        "'java' '-cp' '/a b/c.jar' 'it'\\''s'",
        RemoteShell.quote(List.of("java", "-cp", "/a b/c.jar", "it's")));
  }

  private static void assertMessage(ThrowingRunnable r, String expected) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }

  private interface ThrowingRunnable {
    void run() throws Exception;
  }
}
