package io.pdslab.harness.cluster;

import io.pdslab.harness.node.StableStorage;
import io.pdslab.harness.sim.Seeds;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The main class of a server JVM in cluster mode; {@link ClusterRun} starts one per node. It joins
 * the cluster, opens the node's stable storage from its data folder (so a restarted node resumes
 * from what it saved), and runs the lab's server behavior. A node that stops on an exception ends
 * the JVM with exit code 70 so that the driver reports it; the JVM also ends when the driver does.
 */
public final class ClusterNodeMain {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterNodeMain.class);

  /** Exit code of a JVM whose node stopped on an exception. */
  static final int NODE_FAILED = 70;

  /** Exit code of a JVM that stopped because its driver went away. */
  static final int DRIVER_GONE = 71;

  private static final Set<String> OPTIONS =
      Set.of(
          "app", "id", "servers", "host", "port", "join", "data", "seed", "incarnation", "fsync");

  private ClusterNodeMain() {}

  /** Starts a node; see {@link ClusterRun} for the options it passes. */
  public static void main(String[] argv) throws Exception {
    Args args = new Args(argv, OPTIONS);
    ClusterApp<Object, ?, ?> app = ClusterRun.loadApp(args.get("app"));
    start(app, args);
  }

  private static <M> void start(ClusterApp<M, ?, ?> app, Args args) {
    String id = args.get("id");
    List<String> servers = Args.list(args.get("servers"));
    int incarnation = args.getInt("incarnation", 0);
    StableStorage storage =
        new FileStableStorage(
            Path.of(args.get("data")), Boolean.parseBoolean(args.get("fsync", "false")));
    Member<M> member =
        new Member<>(
            app.messageType(),
            args.get("host"),
            args.getInt("port", 0),
            args.get("join"),
            true,
            (node, cause) -> {
              LOG.error("node {} stopped{}", node, cause == null ? "" : ": " + cause, cause);
              System.exit(NODE_FAILED);
            });
    long seed = Seeds.derive(args.getLong("seed", 1), id + "#" + incarnation);
    ClusterNodeEnv<M> env =
        new ClusterNodeEnv<>(id, servers, member.directory(), storage, new java.util.Random(seed));
    member.spawn(id, app.server(env));
    LOG.info("node {} (incarnation {}) started", id, incarnation);
    obeyDriver(env);
  }

  /**
   * The driver holds this JVM's standard input open (through ssh too). It writes one command per
   * line: {@code cut n1,n3} drops every message to those servers until the next {@code cut} (a bare
   * {@code cut} heals). End of input means the driver died, and a node left running would rejoin
   * nothing forever.
   */
  private static void obeyDriver(ClusterNodeEnv<?> env) {
    Thread watch =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                  obey(env, line.trim());
                }
              } catch (IOException e) {
                // A broken pipe means the same: the driver is gone.
              }
              LOG.warn("the driver is gone (standard input closed): exiting");
              // At once: leaving the cluster politely waits on members that may be gone too, and
              // stable storage is always consistent on disk.
              Runtime.getRuntime().halt(DRIVER_GONE);
            },
            "driver-watch");
    watch.setDaemon(true);
    watch.start();
  }

  private static void obey(ClusterNodeEnv<?> env, String command) {
    if (command.equals("cut") || command.startsWith("cut ")) {
      Set<String> ids = new TreeSet<>(Args.list(command.substring(3).trim()));
      env.cutOff(ids);
      LOG.info(ids.isEmpty() ? "partition healed" : "cut off from {}", ids);
    } else if (!command.isEmpty()) {
      LOG.warn("unknown command from the driver: {}", command);
    }
  }
}
