package io.pdslab.harness.cluster;

import io.pdslab.harness.lin.HistoryRecorder;
import io.pdslab.harness.sim.Seeds;
import io.pdslab.harness.testrun.PdslabProperties;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.slf4j.LoggerFactory;

/**
 * Cluster mode: runs a lab's servers as real JVMs on a Pekko cluster, drives them with clients from
 * this JVM, injects process faults, and checks the clients' history for linearizability.
 *
 * <p>This JVM (the driver) is the cluster's seed node and hosts the clients; each server is a JVM
 * of its own ({@link ClusterNodeMain}) on this machine or, with {@code --hosts}, on others over
 * SSH. Everything a run produces goes to the output folder: {@code history.json} (readable by
 * {@code pdslab check-history}), {@code report.txt}, the nemesis' {@code events.txt}, a log per
 * node under {@code logs/}, the nodes' stable storage under {@code data/}, and {@code
 * violation.html} when the history is not linearizable.
 *
 * <p>Exit codes: 0 linearizable with operations completed; 1 a violation, no progress, or a node
 * that failed; 2 bad options.
 */
public final class ClusterRun {
  private static final Set<String> OPTIONS =
      Set.of(
          "app",
          "nodes",
          "clients",
          "duration",
          "nemesis",
          "seed",
          "out",
          "hosts",
          "advertise",
          "java",
          "heap",
          "ssh",
          "fsync");

  private static final String LOGBACK = "io/pdslab/harness/cluster/logback-cluster.xml";
  private static final Duration STARTUP = Duration.ofSeconds(120);
  private static final Duration DRAIN = Duration.ofSeconds(15);

  private final Args args;
  private final PrintStream out;
  private final long startNanos = System.nanoTime();
  private final List<String> events = new ArrayList<>();

  private ClusterRun(Args args, PrintStream out) {
    this.args = args;
    this.out = out;
  }

  /**
   * Options: {@code --app CLASS} (required), {@code --nodes 5}, {@code --clients 3}, {@code
   * --duration 30} (seconds), {@code --nemesis kill,pause,partition|none}, {@code --seed 1}, {@code
   * --out DIR}, {@code --hosts FILE}, {@code --advertise HOST} (the driver's address seen by the
   * nodes), {@code --java PATH}, {@code --heap 256m}, {@code --ssh "ssh -p 2222"} (the ssh command
   * with {@code --hosts}; default {@code PDSLAB_SSH}, else ssh without prompts), {@code --fsync}.
   */
  public static void main(String[] argv) {
    // Start logging before Pekko's threads do, so that none of their lines is queued and replayed.
    LoggerFactory.getLogger(ClusterRun.class).debug("cluster run {}", List.of(argv));
    int code;
    try {
      code = run(argv, System.out);
    } catch (IllegalArgumentException e) {
      System.err.println("pdslab cluster: " + e.getMessage());
      code = 2;
    }
    System.exit(code);
  }

  /** Runs the cluster and returns the exit code; bad options throw IllegalArgumentException. */
  public static int run(String[] argv, PrintStream out) {
    ClusterRun run = new ClusterRun(new Args(argv, OPTIONS), out);
    try {
      return run.run(loadApp(run.args.get("app")));
    } catch (IOException e) {
      out.println("cluster run failed: " + e.getMessage());
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    }
  }

  /** Instantiates the lab's {@link ClusterApp} by class name. */
  @SuppressWarnings("unchecked")
  static <M, I, O> ClusterApp<M, I, O> loadApp(String className) {
    try {
      Object app = Class.forName(className).getConstructor().newInstance();
      if (!(app instanceof ClusterApp<?, ?, ?>)) {
        throw new IllegalArgumentException(className + " does not implement ClusterApp");
      }
      return (ClusterApp<M, I, O>) app;
    } catch (ReflectiveOperationException e) {
      throw new IllegalArgumentException(
          "cannot create the cluster app " + className + ": " + e, e);
    }
  }

  private <M, I, O> int run(ClusterApp<M, I, O> app) throws IOException, InterruptedException {
    int n = args.getInt("nodes", 5);
    int clients = args.getInt("clients", 3);
    int seconds = args.getInt("duration", 30);
    long seed = args.getLong("seed", 1);
    List<Nemesis.Fault> faults = Nemesis.parse(args.get("nemesis", "kill,pause,partition"));
    if (n < 1 || clients < 1 || seconds < 1) {
      throw new IllegalArgumentException("--nodes, --clients and --duration must be positive");
    }
    if (!faults.isEmpty() && n < 3) {
      throw new IllegalArgumentException("a nemesis needs at least 3 nodes to keep a majority");
    }
    Path dir = Path.of(args.get("out", "target/cluster")).toAbsolutePath();
    deleteRecursively(dir.resolve("data"));
    Files.createDirectories(dir);

    boolean remote = args.has("hosts");
    Map<String, NodeSet.Address> addresses =
        remote ? hostsFile(Path.of(args.get("hosts")), n) : loopback(n);
    String driverHost =
        args.get(
            "advertise", remote ? InetAddress.getLocalHost().getCanonicalHostName() : "127.0.0.1");
    String seedNode = driverHost + ":" + freePort();
    List<String> servers = List.copyOf(addresses.keySet());

    out.printf(
        "cluster %s: %d nodes%s, %d clients, %d s, nemesis %s, seed %d%n",
        app.getClass().getSimpleName(),
        n,
        remote ? " on " + args.get("hosts") : " on loopback",
        clients,
        seconds,
        faults.isEmpty()
            ? "none"
            : faults.stream()
                .map(f -> f.name().toLowerCase(java.util.Locale.ROOT))
                .collect(java.util.stream.Collectors.joining(",")),
        seed);
    out.println("output: " + dir);

    AtomicBoolean driverFailed = new AtomicBoolean();
    Member<M> driver =
        new Member<>(
            app.messageType(),
            driverHost,
            Integer.parseInt(seedNode.substring(seedNode.lastIndexOf(':') + 1)),
            seedNode,
            false,
            (id, cause) -> {
              driverFailed.set(true);
              event("client " + id + " stopped" + (cause == null ? "" : ": " + cause));
            });
    NodeLauncher launcher =
        remote
            ? new SshLauncher(
                args.has("ssh")
                    ? List.of(args.get("ssh").trim().split("\\s+"))
                    : SshLauncher.defaultCommand())
            : new LocalLauncher();
    NodeSet nodes =
        new NodeSet(
            launcher,
            addresses,
            (id, address, incarnation) ->
                nodeCommand(app, id, servers, address, seedNode, dir, seed, incarnation),
            dir.resolve("logs"),
            this::event);
    HistoryRecorder<I, O> history = new HistoryRecorder<>(System::nanoTime);
    Nemesis nemesis =
        new Nemesis(nodes, driver.directory(), this::event, faults, Seeds.random(seed, "nemesis"));
    Thread nemesisThread = new Thread(nemesis, "nemesis");
    long workStart = 0;
    long workEnd = 0;
    try {
      nodes.startAll();
      if (!awaitServers(driver.directory(), servers, nodes)) {
        out.println("the servers did not all join within " + STARTUP.toSeconds() + " s:");
        servers.forEach(id -> out.println(tail(nodes.log(id), 8)));
        return 1;
      }
      event("all " + n + " servers joined the cluster");
      AtomicBoolean running = new AtomicBoolean(true);
      workStart = System.nanoTime();
      for (int c = 0; c < clients; c++) {
        String id = "c" + c;
        ClusterNodeEnv<M> env =
            new ClusterNodeEnv<>(
                id,
                servers,
                driver.directory(),
                new InMemoryStorage(),
                Seeds.random(seed, "client " + id));
        driver.spawn(id, app.client(env, servers, history, running::get));
      }
      if (!faults.isEmpty()) {
        nemesisThread.start();
      }
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
      while (System.nanoTime() < end && !driverFailed.get()) {
        Thread.sleep(200);
        nodes.restartExited();
      }
      running.set(false);
      workEnd = System.nanoTime();
      nemesis.stop();
      nemesisThread.join(TimeUnit.SECONDS.toMillis(10));
      event("clients stopped; waiting for operations in flight");
      awaitDrained(history, nodes);
    } finally {
      // The driver leaves first, while the nodes can still acknowledge it, then they are killed.
      driver.system().terminate();
      driver.system().getWhenTerminated().toCompletableFuture().join();
      nodes.stopAll();
    }
    RunReport<I, O> report =
        new RunReport<>(app, history.history(), workEnd - workStart, nemesis.injected());
    List<String> failures = new ArrayList<>(nodes.failures());
    if (driverFailed.get()) {
      failures.add("a client stopped (see the events)");
    }
    Files.write(dir.resolve("events.txt"), events, StandardCharsets.UTF_8);
    return report.write(out, dir, failures);
  }

  private <M> List<String> nodeCommand(
      ClusterApp<M, ?, ?> app,
      String id,
      List<String> servers,
      NodeSet.Address address,
      String seedNode,
      Path dir,
      long seed,
      int incarnation) {
    List<String> cmd = new ArrayList<>();
    cmd.add(args.get("java", Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    cmd.addAll(
        List.of(
            "-Xmx" + args.get("heap", "256m"),
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            "-Dlogback.configurationFile=" + LOGBACK,
            "-D" + PdslabProperties.PEKKO_LEVEL + "=WARN",
            "-cp",
            System.getProperty("java.class.path"),
            ClusterNodeMain.class.getName(),
            "--app",
            app.getClass().getName(),
            "--id",
            id,
            "--servers",
            String.join(",", servers),
            "--host",
            address.host(),
            "--port",
            Integer.toString(address.port()),
            "--join",
            seedNode,
            "--data",
            dir.resolve("data").resolve(id).toString(),
            "--seed",
            Long.toString(seed),
            "--incarnation",
            Integer.toString(incarnation)));
    if (args.has("fsync")) {
      cmd.add("--fsync");
    }
    return cmd;
  }

  private boolean awaitServers(Directory<?> directory, List<String> servers, NodeSet nodes)
      throws InterruptedException, IOException {
    long deadline = System.nanoTime() + STARTUP.toNanos();
    while (System.nanoTime() < deadline) {
      if (directory.ids().containsAll(servers)) {
        return true;
      }
      nodes.restartExited();
      if (!nodes.failures().isEmpty()) {
        nodes.failures().forEach(out::println);
        return false;
      }
      Thread.sleep(100);
    }
    return false;
  }

  /** Waits until no operation is pending, or {@link #DRAIN} passed (they stay pending). */
  private static void awaitDrained(HistoryRecorder<?, ?> history, NodeSet nodes)
      throws InterruptedException, IOException {
    long deadline = System.nanoTime() + DRAIN.toNanos();
    while (System.nanoTime() < deadline
        && history.history().stream().anyMatch(o -> o.isPending())) {
      Thread.sleep(100);
      nodes.restartExited();
    }
  }

  private synchronized void event(String what) {
    String line = String.format("%7.2f s  %s", (System.nanoTime() - startNanos) / 1e9, what);
    events.add(line);
    out.println(line);
  }

  private static Map<String, NodeSet.Address> loopback(int n) throws IOException {
    Map<String, NodeSet.Address> out = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      out.put("n" + i, new NodeSet.Address("127.0.0.1", freePort()));
    }
    return out;
  }

  /**
   * Reads {@code host} or {@code host:port} lines ({@code #} comments and blank lines skipped); a
   * node without a port gets 25521 plus its number. The first {@code n} lines are used.
   */
  static Map<String, NodeSet.Address> hostsFile(Path file, int n) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("hosts file " + file + " not found");
    }
    List<String> lines =
        Files.readAllLines(file, StandardCharsets.UTF_8).stream()
            .map(l -> l.replaceAll("#.*", "").trim())
            .filter(l -> !l.isEmpty())
            .toList();
    if (lines.size() < n) {
      throw new IllegalArgumentException(
          file + " lists " + lines.size() + " hosts, but " + n + " nodes were asked for");
    }
    Map<String, NodeSet.Address> out = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      String line = lines.get(i);
      int colon = line.lastIndexOf(':');
      String host = colon < 0 ? line : line.substring(0, colon);
      int port;
      try {
        port = colon < 0 ? 25521 + i : Integer.parseInt(line.substring(colon + 1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(file + ": bad port in '" + line + "'");
      }
      if (host.isEmpty() || host.contains(" ") || port < 1 || port > 65535) {
        throw new IllegalArgumentException(
            file + ": expected host or host:port, got '" + line + "'");
      }
      out.put("n" + i, new NodeSet.Address(host, port));
    }
    return out;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  static String tail(Path log, int lines) {
    try {
      List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
      return "  "
          + log
          + ":\n    "
          + String.join("\n    ", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "  " + log + ": (unreadable: " + e.getMessage() + ")";
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
