package io.pdslab.harness.cluster;

import io.pdslab.harness.lin.HistoryRecorder;
import io.pdslab.harness.sim.Seeds;
import io.pdslab.harness.testrun.PdslabProperties;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.LoggerFactory;

/**
 * Cluster mode: runs a lab's servers as real JVMs, drives them with clients from this JVM, injects
 * process faults, and checks the clients' history for linearizability. It knows no engine: the
 * lab's {@link ClusterApp} starts its servers and clients.
 *
 * <p>This JVM (the driver) hosts the clients; each server is a JVM of its own ({@link
 * ClusterNodeMain}) on this machine or, with hosts, on others over SSH. Everything a run produces
 * goes to the output folder: {@code history.json} (readable by {@code pdslab check-history}),
 * {@code report.txt}, the nemesis' {@code events.txt}, a log per node under {@code logs/}, the
 * nodes' stable storage under {@code data/}, and {@code violation.html} when the history is not
 * linearizable.
 *
 * <p>Exit codes: 0 linearizable with operations completed; 1 a violation, no progress, or a node
 * that failed; 2 bad options.
 */
public final class ClusterRun {
  private static final String LOGBACK = "io/pdslab/harness/cluster/logback-cluster.xml";
  private static final Duration STARTUP = Duration.ofSeconds(120);
  private static final Duration DRAIN = Duration.ofSeconds(15);

  private final ClusterOptions options;
  private final PrintStream out;
  private final long startNanos = System.nanoTime();
  private final List<String> events = new ArrayList<>();

  private ClusterRun(ClusterOptions options, PrintStream out) {
    this.options = options;
    this.out = out;
  }

  /** Runs the cluster described by the {@link ClusterOptions} JSON file given as the argument. */
  public static void main(String[] argv) {
    // Start logging before the engines' threads do, so that none of their lines is queued.
    LoggerFactory.getLogger(ClusterRun.class).debug("cluster run {}", List.of(argv));
    int code;
    try {
      if (argv.length != 1) {
        throw new IllegalArgumentException("expected one argument: the options' JSON file");
      }
      code = run(ClusterOptions.read(Path.of(argv[0])), System.out);
    } catch (IllegalArgumentException | IOException e) {
      System.err.println("pdslab cluster: " + e.getMessage());
      code = 2;
    }
    System.exit(code);
  }

  /** Runs the cluster and returns the exit code; a bad app throws IllegalArgumentException. */
  public static int run(ClusterOptions options, PrintStream out) {
    ClusterRun run = new ClusterRun(options, out);
    try {
      return run.run(loadApp(options.app()));
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
  static <I, O> ClusterApp<I, O> loadApp(String className) {
    try {
      Object app = Class.forName(className).getConstructor().newInstance();
      if (!(app instanceof ClusterApp<?, ?>)) {
        throw new IllegalArgumentException(className + " does not implement ClusterApp");
      }
      return (ClusterApp<I, O>) app;
    } catch (ReflectiveOperationException e) {
      throw new IllegalArgumentException(
          "cannot create the cluster app " + className + ": " + e, e);
    }
  }

  private <I, O> int run(ClusterApp<I, O> app) throws IOException, InterruptedException {
    ClusterOptions o = options;
    Path dir = o.out();
    deleteRecursively(dir.resolve("data"));
    Files.createDirectories(dir);

    LoopbackPorts ports = LoopbackPorts.belowEphemeralRange();
    List<ServerAddress> servers =
        o.remote()
            ? Hosts.place(o.hosts(), o.nodes(), app.portsPerNode())
            : loopback(o.nodes(), app.portsPerNode(), ports);
    String driverHost =
        o.advertise() != null
            ? o.advertise()
            : o.remote() ? InetAddress.getLocalHost().getCanonicalHostName() : "127.0.0.1";
    ServerAddress driverAddress =
        new ServerAddress("driver", driverHost, ports.consecutive(1, portsOf(servers, app)));

    out.printf(
        "cluster %s: %d nodes%s, %d clients, %d s, nemesis %s, seed %d%s%n",
        app.getClass().getSimpleName(),
        o.nodes(),
        o.remote() ? " on " + String.join(",", o.hosts()) : " on loopback",
        o.clients(),
        o.durationSeconds(),
        NemesisFault.format(o.nemesis()),
        o.seed(),
        settings(o.settings()));
    out.println("output: " + dir);

    NodeLauncher launcher =
        o.remote()
            ? new SshLauncher(o.ssh().isEmpty() ? RemoteShell.defaultSsh() : o.ssh())
            : new LocalLauncher();
    NodeSet nodes =
        new NodeSet(
            launcher,
            servers,
            (address, incarnation) -> nodeCommand(address, servers, driverAddress, incarnation),
            dir.resolve("logs"),
            this::event);
    HistoryRecorder<I, O> history = new HistoryRecorder<>(System::nanoTime);
    Nemesis nemesis =
        new Nemesis(nodes, this::event, o.nemesis(), Seeds.random(o.seed(), "nemesis"));
    Thread nemesisThread = new Thread(nemesis, "nemesis");
    long workStart = 0;
    long workEnd = 0;
    List<String> failures = new ArrayList<>();
    ClusterDriver<I, O> driver;
    try {
      driver = app.driver(new DriverSpec(servers, driverAddress, o.seed(), o.settings()));
    } catch (Exception e) {
      out.println("the driver could not start: " + e);
      return 1;
    }
    try {
      nodes.startAll();
      if (!awaitServers(nodes)) {
        out.println("the servers did not all join within " + STARTUP.toSeconds() + " s:");
        nodes.ids().forEach(id -> out.println(tail(nodes.log(id), 8)));
        return 1;
      }
      event("all " + o.nodes() + " servers serve");
      AtomicBoolean running = new AtomicBoolean(true);
      workStart = System.nanoTime();
      for (int c = 0; c < o.clients(); c++) {
        driver.startClient(c, Seeds.random(o.seed(), "client c" + c), history, running::get);
      }
      if (!o.nemesis().isEmpty()) {
        nemesisThread.start();
      }
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(o.durationSeconds());
      while (System.nanoTime() < end && driver.failures().isEmpty()) {
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
      // The driver leaves first, while the nodes can still acknowledge it, then they are killed
      // (even when closing the driver fails: a paused node would otherwise stay paused for good).
      failures.addAll(driver.failures());
      try {
        driver.close();
      } finally {
        nodes.stopAll();
      }
    }
    if (nemesis.failure() != null) {
      failures.add(nemesis.failure());
    }
    RunReport<I, O> report =
        new RunReport<>(app, history.history(), workEnd - workStart, nemesis.injected());
    failures.addAll(0, nodes.failures());
    Files.write(dir.resolve("events.txt"), events, StandardCharsets.UTF_8);
    return report.write(out, dir, failures);
  }

  /** The lab's settings as {@code , key=value} in key order (a failure must say which ran). */
  private static String settings(Map<String, String> settings) {
    return new TreeMap<>(settings)
        .entrySet().stream()
            .map(e -> ", " + e.getKey() + "=" + e.getValue())
            .collect(Collectors.joining());
  }

  /** A node's java command line: this JVM's classpath, the node's spec as the one argument. */
  private List<String> nodeCommand(
      ServerAddress self, List<ServerAddress> servers, ServerAddress driver, int incarnation) {
    ClusterOptions o = options;
    NodeSpec spec =
        new NodeSpec(
            o.app(),
            self,
            servers,
            driver,
            o.out().resolve("data").resolve(self.id()),
            o.seed(),
            incarnation,
            o.fsync(),
            o.settings());
    List<String> cmd = new ArrayList<>();
    cmd.add(
        o.java() != null
            ? o.java()
            : Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(
        List.of(
            "-Xmx" + o.heap(),
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            "-Djava.net.preferIPv4Stack=true",
            "-Dlogback.configurationFile=" + LOGBACK,
            "-D" + PdslabProperties.PEKKO_LEVEL + "=WARN",
            "-cp",
            System.getProperty("java.class.path"),
            ClusterNodeMain.class.getName(),
            spec.toJson()));
    return cmd;
  }

  private boolean awaitServers(NodeSet nodes) throws InterruptedException, IOException {
    long deadline = System.nanoTime() + STARTUP.toNanos();
    while (System.nanoTime() < deadline) {
      if (nodes.allReady()) {
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

  /**
   * Servers {@code n0..} on loopback, each with a block of free consecutive ports that stay its own
   * across restarts (see {@link LoopbackPorts}).
   */
  private static List<ServerAddress> loopback(int n, int portsPerNode, LoopbackPorts ports)
      throws IOException {
    List<Integer> firsts = ports.blocks(n, portsPerNode);
    List<ServerAddress> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(new ServerAddress("n" + i, "127.0.0.1", firsts.get(i)));
    }
    return out;
  }

  /** Every port of {@code servers}, which are not bound yet when the driver's port is chosen. */
  private static Set<Integer> portsOf(List<ServerAddress> servers, ClusterApp<?, ?> app) {
    Set<Integer> ports = new TreeSet<>();
    for (ServerAddress s : servers) {
      for (int k = 0; k < app.portsPerNode(); k++) {
        ports.add(s.port(k));
      }
    }
    return ports;
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
