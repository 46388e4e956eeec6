package io.pdslab.harness.sim;

import io.pdslab.harness.node.NodeFactory;
import io.pdslab.harness.node.StableStorage;
import io.pdslab.harness.trace.TraceEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;

/**
 * A deterministic, single-threaded discrete-event simulation of a distributed system: nodes,
 * network, faults and virtual time, all driven by one seed. The same seed gives the same run and
 * the same trace bytes. See the package documentation for an example.
 *
 * <p>This class is the simulator's front: each concern lives in a part of its own (the event loop
 * and clock, the transport with the network and partitions, the nodes with their lifecycle, disks
 * and timers, the trace), and this class wires them and checks the calls.
 */
public final class Simulation {
  private final Kernel kernel;
  private final NodeDirectory nodes = new NodeDirectory();
  private final Partitions partitions;
  private final Transport transport;
  private final Invariants invariants;
  private final NodeStorage.Settings storageSettings = new NodeStorage.Settings();
  private final Random nemesisRandom;
  private boolean started;

  /** A simulation whose every random choice derives from {@code seed}. */
  public Simulation(long seed) {
    this.kernel = Kernel.create(seed);
    this.partitions = new Partitions(kernel.trace(), nodes);
    Network network = new Network(kernel.trace(), Seeds.unsharedRandom(seed, "network"));
    this.transport = new Transport(kernel, network, partitions);
    this.invariants = new Invariants(kernel.failures(), nodes);
    this.nemesisRandom = Seeds.random(seed, "nemesis");
  }

  /** The seed of this run. */
  public long seed() {
    return kernel.seed();
  }

  // ---------------------------------------------------------------- nodes

  /**
   * Adds {@code count} Pekko server nodes {@code n<i>} (continuing the numbering), each built by
   * {@code factory} and run by the Pekko adapter (see {@link NodeFactoryAdapter}); returns their
   * ids.
   */
  public <M> List<String> nodes(int count, NodeFactory<M> factory) {
    return runtimeNodes(count, NodeFactoryAdapters.adapt(factory));
  }

  /** Adds {@code count} server nodes of any runtime (e.g. a plain Java {@link NodeRuntime}). */
  public <M> List<String> runtimeNodes(int count, NodeRuntimeFactory<M> factory) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ids.add(add(nodes.nextServerId(), factory, true));
    }
    return ids;
  }

  /**
   * Adds a Pekko node that is not a server (e.g. a client {@code "c0"}): it is not among the
   * servers' peers and partitions do not apply to it unless it is listed in a group.
   */
  public <M> String node(String id, NodeFactory<M> factory) {
    return runtimeNode(id, NodeFactoryAdapters.adapt(factory));
  }

  /** Adds a non-server node of any runtime. */
  public <M> String runtimeNode(String id, NodeRuntimeFactory<M> factory) {
    return add(id, factory, false);
  }

  private String add(String id, NodeRuntimeFactory<?> factory, boolean server) {
    kernel.checkThread();
    nodes.checkNew(id);
    SimNode node =
        new SimNode(
            kernel,
            id,
            factory,
            (n, incarnation) -> new SimContext<>(kernel, nodes, transport, n, incarnation),
            storageSettings);
    nodes.add(node, server);
    if (started) {
      node.start("start");
    }
    return id;
  }

  /** The server ids, in creation order ({@code n0, n1, ...}). */
  public List<String> servers() {
    return List.copyOf(nodes.servers());
  }

  /** Every node id (servers and others), in creation order. */
  public List<String> nodeIds() {
    return nodes.ids();
  }

  /** Whether the node is running (not crashed; a paused node is not up). */
  public boolean isUp(String node) {
    return nodes.require(node).status() == SimNode.Status.UP;
  }

  /** Whether the node is crashed. */
  public boolean isCrashed(String node) {
    return nodes.require(node).status() == SimNode.Status.CRASHED;
  }

  /**
   * A read-only view of the node's stable storage as its next incarnation would see it now (for
   * checks in tests); writing through it throws.
   */
  public StableStorage storage(String node) {
    return nodes.require(node).storage().readOnlyView();
  }

  /**
   * Writes to stable storage become durable only after this delay; a crash loses younger writes
   * (whole atomic batches) when crashed with {@code loseUnsyncedWrites}. Default 0: every write is
   * durable at once.
   */
  public Simulation storageSyncDelay(Duration delay) {
    storageSettings.syncDelayMs = delay.toMillis();
    return this;
  }

  // ---------------------------------------------------------------- faults

  /** The network's latency, loss, duplication and reordering settings. */
  public Network network() {
    return transport.network();
  }

  /** Crashes the node: its instance, volatile state and timers are gone; its disk stays. */
  public void crash(String node) {
    crash(node, false);
  }

  /** Crashes the node, losing stable-storage writes younger than the sync delay if asked. */
  public void crash(String node, boolean loseUnsyncedWrites) {
    nodes.require(node).crash(loseUnsyncedWrites);
  }

  /** Restarts a crashed node: a fresh instance from its factory, with a copy of its disk. */
  public void restart(String node) {
    nodes.require(node).restart();
  }

  /** Pauses the node: it drops arriving messages and its timers wait until it resumes. */
  public void pause(String node) {
    nodes.require(node).pause();
  }

  /** Resumes a paused node; timers that came due while it was paused fire now. */
  public void resume(String node) {
    nodes.require(node).resume();
  }

  /**
   * Partitions the listed nodes into groups that cannot talk to each other. Nodes not listed
   * (typically clients) still reach everyone. Replaces any previous partition.
   */
  @SafeVarargs
  public final void partition(List<String>... groups) {
    partitions.partition(List.of(groups));
  }

  /** Same as {@link #partition(List[])}. */
  public void partition(List<List<String>> groups) {
    partitions.partition(groups);
  }

  /** Cuts {@code node} off from every other server (replaces any previous partition). */
  public void isolate(String node) {
    partitions.isolate(node);
  }

  /**
   * Cuts {@code node} off from every other server, keeping earlier disconnections and partitions
   * (MIT 6.5840's {@code disconnect}). Traced as the resulting partition.
   */
  public void disconnect(String node) {
    partitions.disconnect(node);
  }

  /**
   * Reconnects {@code node} to the first group (the servers that were never disconnected, or the
   * first group of the last partition); traced as the resulting partition, or as a heal once every
   * server is in one group again.
   */
  public void reconnect(String node) {
    partitions.reconnect(node);
  }

  /** Cuts the one-way link {@code from → to}; the other direction keeps working. */
  public void cutLink(String from, String to) {
    partitions.cutLink(from, to);
  }

  /** Restores the one-way link {@code from → to}. */
  public void restoreLink(String from, String to) {
    partitions.restoreLink(from, to);
  }

  /** Ends every partition and link cut. */
  public void heal() {
    partitions.heal();
  }

  /** Whether a message from {@code from} can currently reach {@code to}. */
  public boolean connected(String from, String to) {
    return partitions.connected(from, to);
  }

  /**
   * Runs {@code action} at virtual time {@code at} (from the start of the run), recorded in the
   * trace as a nemesis event with {@code description}.
   */
  public void at(Duration at, String description, Runnable action) {
    long time = at.toMillis();
    if (time < now()) {
      throw new IllegalArgumentException("t=" + time + " ms is in the past (now " + now() + " ms)");
    }
    kernel
        .loop()
        .at(
            time,
            () -> {
              traceNemesis(description);
              action.run();
            });
  }

  /** Runs {@code action} after {@code delay} from now (see {@link #at}). */
  public void after(Duration delay, String description, Runnable action) {
    at(Duration.ofMillis(now() + delay.toMillis()), description, action);
  }

  /** Runs {@code action} after {@code delayMs} without a trace event of its own. */
  void scheduleAfter(long delayMs, Runnable action) {
    kernel.loop().after(delayMs, action);
  }

  /** A random source for nemeses and workloads, separate from nodes and network. */
  public Random nemesisRandom() {
    return nemesisRandom;
  }

  // ---------------------------------------------------------------- messages

  /**
   * Sends {@code message} from {@code from} (a node, or any name for an outside sender) to node
   * {@code to} through the network.
   */
  public void send(String from, String to, Object message) {
    kernel.checkThread();
    start();
    transport.send(from, nodes.require(to), message);
  }

  /**
   * How to count a message's bytes. Default: a {@link Frame}'s size, else the length of the
   * message's Jackson JSON.
   */
  public Simulation messageSizer(ToLongFunction<Object> sizer) {
    transport.messageSizer(sizer);
    return this;
  }

  // ---------------------------------------------------------------- running

  /** Current virtual time in ms since the start of the run. */
  public long now() {
    return kernel.now();
  }

  /** Runs every event up to {@code duration} from now; virtual time then is now + duration. */
  public void runFor(Duration duration) {
    runUntilTime(now() + duration.toMillis(), () -> false);
  }

  /**
   * Runs until {@code condition} holds (checked after every event) or until {@code within} has
   * passed; returns whether the condition holds.
   */
  public boolean tryRunUntil(BooleanSupplier condition, Duration within) {
    return runUntilTime(now() + within.toMillis(), condition);
  }

  /**
   * Runs until {@code condition} holds; fails naming {@code what} if it does not within {@code
   * within} of virtual time (a liveness check).
   */
  public void runUntil(String what, BooleanSupplier condition, Duration within) {
    long deadline = now() + within.toMillis();
    if (!runUntilTime(deadline, condition)) {
      fail("liveness: " + what + " did not happen within " + within.toMillis() + " ms");
    }
  }

  /** The most events one run call may process before it fails as a livelock. Default 2,000,000. */
  public Simulation stepBudget(long events) {
    kernel.loop().stepBudget(events);
    return this;
  }

  /**
   * Registers a safety property checked after every event; a violation fails the run with the
   * property's name, the virtual time and the node states.
   */
  public void invariant(String property, Invariant check) {
    invariants.add(property, check);
  }

  private boolean runUntilTime(long deadline, BooleanSupplier condition) {
    kernel.checkThread();
    if (kernel.failures().failed()) {
      throw new IllegalStateException("this simulation already failed; create a new one");
    }
    start();
    return kernel.loop().runUntil(deadline, condition, invariants::check);
  }

  /**
   * Fails the run: records a {@code fail} event in the trace and throws a {@link SimulationFailure}
   * whose message ends with the virtual time.
   */
  public SimulationFailure fail(String what) {
    throw kernel.failures().fail(what, null);
  }

  /**
   * Records a {@code fail} event unless the run already failed: for failures found outside the
   * simulation, e.g. a test's own assertion after a run (the JUnit extension does this).
   */
  public void recordFailure(String text) {
    kernel.failures().record(text);
  }

  /** Starts the nodes added so far, once: at the first run or send. */
  private void start() {
    if (!started) {
      started = true;
      for (SimNode n : List.copyOf(nodes.all())) {
        if (n.status() == SimNode.Status.NEW) {
          n.start("start");
        }
      }
    }
  }

  // ---------------------------------------------------------------- trace, logs, stats

  /** Counters of this run. */
  public SimulationStats stats() {
    return kernel.stats();
  }

  /** The trace so far as JSON lines. */
  public List<String> traceLines() {
    return kernel.trace().lines();
  }

  /** Writes the trace so far to {@code file} as JSON Lines. */
  public void writeTrace(Path file) {
    kernel.trace().writeTo(file);
  }

  /** Every node log line so far. */
  public List<LogLine> logs() {
    return kernel.trace().logs();
  }

  /** Calls {@code listener} on every node log line from now on (e.g. to track leaders). */
  public void onLog(Consumer<LogLine> listener) {
    kernel.trace().onLog(listener);
  }

  void record(TraceEvent event) {
    kernel.trace().record(event);
  }

  void traceNemesis(String text) {
    kernel.trace().nemesis(text);
  }
}
