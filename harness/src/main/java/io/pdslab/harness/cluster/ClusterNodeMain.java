package io.pdslab.harness.cluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The main class of a server JVM in cluster mode; {@link ClusterRun} starts one per node with its
 * {@link NodeSpec} as the only argument (JSON). It starts the lab's server, tells the driver when
 * it serves, and obeys the driver's commands on standard input. A server that fails ends the JVM
 * with exit code 70 so that the driver reports it; the JVM also ends when the driver does.
 */
public final class ClusterNodeMain {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterNodeMain.class);

  /** Exit code of a JVM whose node stopped on an exception. */
  static final int NODE_FAILED = 70;

  /** Exit code of a JVM that stopped because its driver went away. */
  static final int DRIVER_GONE = 71;

  /**
   * Exit code of a JVM whose node its peers removed from the cluster (Pekko's split-brain resolver
   * downed it after a pause or a partition): not a failure of the node's code, so it is restarted
   * like a killed node.
   */
  public static final int REMOVED_BY_PEERS = 72;

  private ClusterNodeMain() {}

  /** Starts a node; its only argument is its {@link NodeSpec} as JSON. */
  public static void main(String[] argv) {
    if (argv.length != 1) {
      fail(
          "expected one argument, the node spec as JSON",
          new IllegalArgumentException("got " + Arrays.asList(argv)));
    }
    NodeSpec spec;
    try {
      spec = NodeSpec.fromJson(argv[0]);
    } catch (IllegalArgumentException e) {
      fail("the node spec from the driver is not valid JSON of a NodeSpec", e);
      return;
    }
    RunningNode node;
    try {
      ClusterApp<?, ?> app = ClusterRun.loadApp(spec.app());
      node = app.startNode(spec, ClusterNodeMain::fail);
    } catch (Exception e) {
      fail("node " + spec.id() + " could not start", e);
      return;
    }
    LOG.info("node {} (incarnation {}) serves", spec.id(), spec.incarnation());
    // Not a log line: the driver reads this line of standard output to know the node serves.
    System.out.println(NodeOutput.READY_MARK);
    System.out.flush();
    obeyDriver(node);
  }

  private static void fail(String what, Throwable cause) {
    LOG.error("{}", what, cause);
    // Not a log line: the driver puts this line in its report, so that no one needs the log to
    // learn why a node died.
    System.out.println(NodeOutput.FAILED_MARK + what + ": " + causes(cause));
    System.out.flush();
    Runtime.getRuntime().halt(NODE_FAILED);
  }

  /** {@code cause} and the causes under it, on one line. */
  static String causes(Throwable cause) {
    StringBuilder line = new StringBuilder();
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Throwable t = cause; t != null && seen.add(t); t = t.getCause()) {
      line.append(line.isEmpty() ? "" : " <- caused by ").append(t);
    }
    return line.toString().replace('\n', ' ');
  }

  /**
   * The driver holds this JVM's standard input open (through ssh too). It writes one command per
   * line: {@code cut n1,n3} drops every message between this node and those servers until the next
   * {@code cut} (a bare {@code cut} heals). End of input means the driver died, and a node left
   * running would wait for peers forever.
   */
  private static void obeyDriver(RunningNode node) {
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        obey(node, line.trim());
      }
    } catch (IOException e) {
      // A broken pipe means the same: the driver is gone.
    }
    LOG.warn("the driver is gone (standard input closed): exiting");
    // At once: leaving politely waits on members that may be gone too, and stable storage is
    // always consistent on disk.
    Runtime.getRuntime().halt(DRIVER_GONE);
  }

  private static void obey(RunningNode node, String command) {
    if (command.equals("cut") || command.startsWith("cut ")) {
      Set<String> ids = new TreeSet<>();
      for (String id : command.substring(3).trim().split(",")) {
        if (!id.isBlank()) {
          ids.add(id.trim());
        }
      }
      node.cut(ids);
      LOG.info(ids.isEmpty() ? "partition healed" : "cut off from {}", ids);
    } else if (!command.isEmpty()) {
      LOG.warn("unknown command from the driver: {}", command);
    }
  }
}
