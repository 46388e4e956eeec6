package io.pdslab.harness.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pdslab.harness.sim.Seeds;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The driver's side of the nodes: which command each node gets on its standard input, and what it
 * reports of a node that died on its own.
 */
class NodeSetTest {
  @TempDir Path dir;

  /** Written by the nemesis' thread too. */
  private final List<String> events = Collections.synchronizedList(new ArrayList<>());

  /** Nodes are {@code cat}: each one's log is what the driver wrote to it. */
  private NodeSet catNodes(int count) {
    List<ServerAddress> addresses = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      addresses.add(new ServerAddress("n" + i, "127.0.0.1", 0));
    }
    return new NodeSet(
        new LocalLauncher(), addresses, (a, inc) -> List.of("cat"), dir, events::add);
  }

  @Test
  void eachSideIsToldToDropTheOtherAndHealingClearsIt() throws Exception {
    NodeSet nodes = catNodes(5);
    nodes.startAll();
    try {
      nodes.partition(List.of("n1", "n3"));
      nodes.heal();
      nodes.heal(); // nothing to heal: no command, no event
      awaitLog(nodes, "n4", "cut n1,n3\ncut \n");
      awaitLog(nodes, "n1", "cut n0,n2,n4\ncut \n");
      awaitLog(nodes, "n3", "cut n0,n2,n4\ncut \n");
      assertEquals(List.of("partition n1,n3 | n0,n2,n4", "heal the partition"), events);
    } finally {
      nodes.stopAll();
    }
  }

  @Test
  void aNodeRestartedDuringAPartitionStaysOnItsSide() throws Exception {
    NodeSet nodes = catNodes(3);
    nodes.startAll();
    try {
      nodes.partition(List.of("n2"));
      awaitLog(nodes, "n2", "cut n0,n1\n");
      nodes.kill("n2");
      nodes.restart("n2");
      awaitLog(nodes, "n2", "cut n0,n1\ncut n0,n1\n");
    } finally {
      nodes.stopAll();
    }
  }

  @Test
  void theNemesisCutsOffAMinorityAndHealsBeforeItStops() throws Exception {
    NodeSet nodes = catNodes(5);
    nodes.startAll();
    Nemesis nemesis =
        new Nemesis(
            nodes,
            events::add,
            List.of(NemesisFault.PARTITION),
            new Random(Seeds.derive(1, "nemesis")));
    Thread thread = new Thread(nemesis);
    thread.start();
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (nemesis.injected() == 0 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    nemesis.stop();
    thread.join(10_000);
    nodes.stopAll();
    assertFalse(thread.isAlive(), "the nemesis did not stop");
    String partition =
        List.copyOf(events).stream().filter(e -> e.startsWith("partition ")).findFirst().get();
    String[] sides = partition.substring("partition ".length()).split(" \\| ");
    int cut = sides[0].split(",").length;
    assertTrue(cut >= 1 && cut <= 2 && cut + sides[1].split(",").length == 5, partition);
    assertEquals("heal the partition", events.get(events.size() - 1), events.toString());
  }

  @Test
  void aNodeThatFailsIsReportedWithTheReasonItGave() throws Exception {
    String reason = "node n0 could not start: java.net.BindException: Address already in use";
    NodeSet nodes =
        shellNodes(
            "echo starting; echo '"
                + NodeOutput.FAILED_MARK
                + reason
                + "'; exit "
                + ClusterNodeMain.NODE_FAILED);
    List<String> failures = awaitFailure(nodes);
    assertEquals(
        "n0 (incarnation 0): its node stopped on an exception: "
            + reason
            + " (log "
            + nodes.log("n0")
            + ")",
        failures.get(0));
    assertTrue(events.get(0).startsWith("n0 failed: its node stopped on an exception: node n0"));
    String log = Files.readString(nodes.log("n0"));
    assertTrue(log.startsWith("starting\n") && !log.contains(NodeOutput.FAILED_MARK), log);
  }

  @Test
  void aJvmThatDiesWithoutAReasonIsReportedWithItsLastOutput() throws Exception {
    NodeSet nodes = shellNodes("echo one; echo two; echo; echo three; echo four; exit 1");
    assertEquals(
        "n0 (incarnation 0): its JVM exited with code 1: last output: two | three | four (log "
            + nodes.log("n0")
            + ")",
        awaitFailure(nodes).get(0));
  }

  /**
   * A node its peers downed (Pekko's split-brain resolver) is restarted, not reported as a failure
   * of the student's code.
   */
  @Test
  void aNodeRemovedByItsPeersIsRestartedNotFailed() throws Exception {
    NodeSet nodes = shellNodes("exit " + ClusterNodeMain.REMOVED_BY_PEERS);
    try {
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (events.isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(20);
        nodes.restartExited();
      }
    } finally {
      nodes.stopAll();
    }
    assertEquals("n0 was removed by its peers (downed); restarting it", events.get(0));
    assertTrue(nodes.failures().isEmpty(), nodes.failures().toString());
  }

  /**
   * Reading why a node died waits up to seconds for the rest of its output (an ssh session may
   * linger); meanwhile the nemesis and the run must still reach the other nodes, so the node set is
   * not held for that wait.
   */
  @Test
  void theWaitForADeadNodesLastOutputDoesNotHoldTheNodeSet() throws Exception {
    PipedOutputStream lingering = new PipedOutputStream();
    PipedInputStream firstOutput = new PipedInputStream(lingering);
    AtomicInteger launches = new AtomicInteger();
    NodeLauncher launcher =
        (host, command, log) -> {
          Process jvm = new ProcessBuilder("false").start(); // a JVM that failed at once
          InputStream out =
              launches.getAndIncrement() == 0 ? firstOutput : InputStream.nullInputStream();
          return new NodeProcess(jvm, List.of(), jvm.pid(), new NodeOutput(out, log, host));
        };
    NodeSet nodes =
        new NodeSet(
            launcher,
            List.of(new ServerAddress("n0", "127.0.0.1", 0)),
            (a, inc) -> List.of(),
            dir,
            events::add);
    nodes.startAll();
    Thread monitor =
        new Thread(
            () -> {
              try {
                while (nodes.failures().isEmpty()) {
                  nodes.restartExited();
                  Thread.sleep(10);
                }
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            },
            "exit-monitor");
    monitor.start();
    try {
      long deadline = System.nanoTime() + 60_000_000_000L;
      while (!waitsForOutput(monitor) && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      assertTrue(waitsForOutput(monitor), "the exit monitor never read the dead node's output");
      nodes.isReady("n0"); // what the run asks while a node is down
      assertTrue(
          waitsForOutput(monitor),
          "the node set was held while the exit monitor waited for a dead node's output");
      lingering.write((NodeOutput.FAILED_MARK + "boom\n").getBytes(StandardCharsets.UTF_8));
      lingering.close();
      monitor.join(60_000);
    } finally {
      nodes.stopAll();
    }
    assertEquals(
        "n0 (incarnation 0): its JVM exited with code 1: boom (log " + nodes.log("n0") + ")",
        nodes.failures().get(0));
    assertEquals(2, launches.get(), "the failed node was not started again");
  }

  /** Whether {@code monitor} is inside {@link NodeOutput#failure}, waiting for output. */
  private static boolean waitsForOutput(Thread monitor) {
    return Arrays.stream(monitor.getStackTrace())
        .anyMatch(
            f ->
                f.getClassName().equals(NodeOutput.class.getName())
                    && f.getMethodName().equals("failure"));
  }

  /** One node running {@code script} in a shell, started. */
  private NodeSet shellNodes(String script) throws Exception {
    NodeSet nodes =
        new NodeSet(
            new LocalLauncher(),
            List.of(new ServerAddress("n0", "127.0.0.1", 0)),
            (a, inc) -> List.of("sh", "-c", script),
            dir,
            events::add);
    nodes.startAll();
    return nodes;
  }

  /** The failures once the exit monitor has seen the first node die (then stops the nodes). */
  private static List<String> awaitFailure(NodeSet nodes) throws Exception {
    long deadline = System.nanoTime() + 10_000_000_000L;
    try {
      while (nodes.failures().isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(20);
        nodes.restartExited();
      }
    } finally {
      nodes.stopAll();
    }
    assertFalse(nodes.failures().isEmpty(), "the node's death was not seen");
    return nodes.failures();
  }

  private void awaitLog(NodeSet nodes, String id, String expected) throws Exception {
    long deadline = System.nanoTime() + 10_000_000_000L;
    String got = "";
    while (System.nanoTime() < deadline) {
      got = Files.exists(nodes.log(id)) ? Files.readString(nodes.log(id)) : "";
      if (got.equals(expected)) {
        return;
      }
      Thread.sleep(20);
    }
    assertEquals(expected, got, id + " got other commands");
  }
}
