package io.pdslab.harness.sim;

import io.pdslab.harness.node.NodeFactory;
import io.pdslab.harness.node.StableStorage;
import io.pdslab.harness.pekko.PekkoNodeRuntime;
import io.pdslab.harness.trace.TraceEvent;
import io.pdslab.harness.trace.TraceWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;

/**
 * A deterministic, single-threaded discrete-event simulation of a distributed system: nodes,
 * network, faults and virtual time, all driven by one seed. The same seed gives the same run and
 * the same trace bytes. See the package documentation for an example.
 */
public final class Simulation {
  private static final long DEFAULT_STEP_BUDGET = 2_000_000;

  private final long seed;
  private final Thread owner = Thread.currentThread();
  private final Network network;
  private final Random nemesisRandom;
  private final TraceWriter trace = new TraceWriter();
  private final SimulationStats stats = new SimulationStats();
  private final PriorityQueue<Event> queue = new PriorityQueue<>();
  private final List<SimNode> nodeList = new ArrayList<>();
  private final Map<String, SimNode> nodesById = new HashMap<>();
  private final List<String> servers = new ArrayList<>();
  private final Map<String, Integer> partitionGroup = new HashMap<>();
  private final Map<Network.Link, Boolean> cutLinks = new HashMap<>();
  private final List<Map.Entry<String, Invariant>> invariants = new ArrayList<>();
  private final List<LogLine> logs = new ArrayList<>();
  private final List<Consumer<LogLine>> logListeners = new ArrayList<>();
  private ToLongFunction<Object> messageSizer = new JsonSizer();
  private long stepBudget = DEFAULT_STEP_BUDGET;
  private long storageSyncDelayMs;
  private long now;
  private long nextEventSeq;
  private long nextMessageId;
  private int nextPartitionGroup = 1;
  private boolean started;
  private boolean failed;

  /** An action due at a virtual time; events due at the same time run in scheduling order. */
  private record Event(long time, long seq, Runnable action) implements Comparable<Event> {
    @Override
    public int compareTo(Event other) {
      // Written out rather than a composed Comparator: the queue compares on every step.
      return time != other.time ? Long.compare(time, other.time) : Long.compare(seq, other.seq);
    }
  }

  private record Envelope(
      long id, String from, String to, Object message, String type, long size) {}

  private enum Status {
    NEW,
    UP,
    PAUSED,
    CRASHED
  }

  /** A simulation whose every random choice derives from {@code seed}. */
  public Simulation(long seed) {
    this.seed = seed;
    this.network = new Network(this, Seeds.unsharedRandom(seed, "network"));
    this.nemesisRandom = Seeds.random(seed, "nemesis");
  }

  /** The seed of this run. */
  public long seed() {
    return seed;
  }

  // ---------------------------------------------------------------- nodes

  /**
   * Adds {@code count} Pekko server nodes {@code n<i>} (continuing the numbering), each built by
   * {@code factory}; returns their ids.
   */
  public <M> List<String> nodes(int count, NodeFactory<M> factory) {
    return runtimeNodes(count, PekkoNodeRuntime.factory(factory));
  }

  /** Adds {@code count} server nodes of any runtime (e.g. a plain Java {@link NodeRuntime}). */
  public <M> List<String> runtimeNodes(int count, NodeRuntimeFactory<M> factory) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String id = "n" + servers.size();
      servers.add(id);
      add(id, factory);
      ids.add(id);
    }
    return ids;
  }

  /**
   * Adds a Pekko node that is not a server (e.g. a client {@code "c0"}): it is not among the
   * servers' peers and partitions do not apply to it unless it is listed in a group.
   */
  public <M> String node(String id, NodeFactory<M> factory) {
    return runtimeNode(id, PekkoNodeRuntime.factory(factory));
  }

  /** Adds a non-server node of any runtime. */
  public <M> String runtimeNode(String id, NodeRuntimeFactory<M> factory) {
    add(id, factory);
    return id;
  }

  private void add(String id, NodeRuntimeFactory<?> factory) {
    checkThread();
    if (nodesById.containsKey(id)) {
      throw new IllegalArgumentException("node " + id + " already exists");
    }
    SimNode node = new SimNode(id, factory);
    nodeList.add(node);
    nodesById.put(id, node);
    if (started) {
      node.start("start");
    }
  }

  /** The server ids, in creation order ({@code n0, n1, ...}). */
  public List<String> servers() {
    return List.copyOf(servers);
  }

  /** Every node id (servers and others), in creation order. */
  public List<String> nodeIds() {
    return nodeList.stream().map(n -> n.id).collect(Collectors.toList());
  }

  /** Whether the node is running (not crashed; a paused node is not up). */
  public boolean isUp(String node) {
    return node(node).status == Status.UP;
  }

  /** Whether the node is crashed. */
  public boolean isCrashed(String node) {
    return node(node).status == Status.CRASHED;
  }

  /**
   * A read-only view of the node's stable storage as its next incarnation would see it now (for
   * checks in tests); writing through it throws.
   */
  public StableStorage storage(String node) {
    NodeStorage disk = node(node).storage;
    return new StableStorage() {
      @Override
      public Optional<byte[]> read(String key) {
        return disk.read(key);
      }

      @Override
      public void write(Map<String, byte[]> entries) {
        throw new UnsupportedOperationException("the test's view of " + node + " is read-only");
      }

      @Override
      public long sizeBytes() {
        return disk.sizeBytes();
      }
    };
  }

  /**
   * Writes to stable storage become durable only after this delay; a crash loses younger writes
   * (whole atomic batches) when crashed with {@code loseUnsyncedWrites}. Default 0: every write is
   * durable at once.
   */
  public Simulation storageSyncDelay(Duration delay) {
    this.storageSyncDelayMs = delay.toMillis();
    return this;
  }

  long storageSyncDelayMs() {
    return storageSyncDelayMs;
  }

  boolean isCurrentIncarnation(String node, int incarnation) {
    SimNode n = nodesById.get(node);
    return n != null && n.incarnation == incarnation && n.status != Status.CRASHED;
  }

  private SimNode node(String id) {
    SimNode n = nodesById.get(id);
    if (n == null) {
      throw new IllegalArgumentException("no node " + id + "; nodes: " + nodeIds());
    }
    return n;
  }

  // ---------------------------------------------------------------- faults

  /** The network's latency, loss, duplication and reordering settings. */
  public Network network() {
    return network;
  }

  /** Crashes the node: its instance, volatile state and timers are gone; its disk stays. */
  public void crash(String node) {
    crash(node, false);
  }

  /** Crashes the node, losing stable-storage writes younger than the sync delay if asked. */
  public void crash(String node, boolean loseUnsyncedWrites) {
    SimNode n = node(node);
    if (n.status == Status.CRASHED) {
      return;
    }
    n.status = Status.CRASHED;
    n.runtime = null;
    n.timers.clear();
    n.heldTimers.clear();
    n.incarnation++;
    int lost = n.storage.crash(loseUnsyncedWrites);
    record(TraceEvent.node("crash", node));
    if (lost > 0) {
      traceLog(node, "crash lost " + lost + " unsynced storage write(s)");
    }
  }

  /** Restarts a crashed node: a fresh instance from its factory, with a copy of its disk. */
  public void restart(String node) {
    SimNode n = node(node);
    if (n.status != Status.CRASHED) {
      throw new IllegalStateException("cannot restart " + node + ": it is not crashed");
    }
    n.start("restart");
  }

  /** Pauses the node: it drops arriving messages and its timers wait until it resumes. */
  public void pause(String node) {
    SimNode n = node(node);
    if (n.status == Status.UP) {
      n.status = Status.PAUSED;
      record(TraceEvent.node("pause", node));
    }
  }

  /** Resumes a paused node; timers that came due while it was paused fire now. */
  public void resume(String node) {
    SimNode n = node(node);
    if (n.status != Status.PAUSED) {
      return;
    }
    n.status = Status.UP;
    record(TraceEvent.node("resume", node));
    Map<Object, Long> held = new LinkedHashMap<>(n.heldTimers);
    n.heldTimers.clear();
    held.forEach((key, generation) -> n.fireTimer(key, generation));
  }

  /**
   * Partitions the listed nodes into groups that cannot talk to each other. Nodes not listed
   * (typically clients) still reach everyone. Replaces any previous partition.
   */
  @SafeVarargs
  public final void partition(List<String>... groups) {
    List<List<String>> list = new ArrayList<>();
    for (List<String> group : groups) {
      list.add(group);
    }
    partition(list);
  }

  /** Same as {@link #partition(List[])}. */
  public void partition(List<List<String>> groups) {
    partitionGroup.clear();
    nextPartitionGroup = groups.size();
    List<List<String>> sorted = new ArrayList<>();
    for (int g = 0; g < groups.size(); g++) {
      for (String id : groups.get(g)) {
        node(id);
        if (partitionGroup.put(id, g) != null) {
          throw new IllegalArgumentException(id + " is in two partition groups: " + groups);
        }
      }
      sorted.add(groups.get(g).stream().sorted().collect(Collectors.toList()));
    }
    record(TraceEvent.partition(sorted));
  }

  /** Cuts {@code node} off from every other server (replaces any previous partition). */
  public void isolate(String node) {
    List<String> rest = new ArrayList<>(servers);
    rest.remove(node);
    partition(List.of(node), rest);
  }

  /**
   * Cuts {@code node} off from every other server, keeping earlier disconnections and partitions
   * (MIT 6.5840's {@code disconnect}). Traced as the resulting partition.
   */
  public void disconnect(String node) {
    node(node);
    if (partitionGroup.isEmpty()) {
      servers.forEach(s -> partitionGroup.put(s, 0));
    }
    partitionGroup.put(node, nextPartitionGroup++);
    recordPartition();
  }

  /**
   * Reconnects {@code node} to the first group (the servers that were never disconnected, or the
   * first group of the last partition); traced as the resulting partition, or as a heal once every
   * server is in one group again.
   */
  public void reconnect(String node) {
    node(node);
    if (partitionGroup.containsKey(node)) {
      partitionGroup.put(node, 0);
      recordPartition();
    }
  }

  private void recordPartition() {
    TreeMap<Integer, List<String>> groups = new TreeMap<>();
    for (SimNode n : nodeList) {
      Integer g = partitionGroup.get(n.id);
      if (g != null) {
        groups.computeIfAbsent(g, k -> new ArrayList<>()).add(n.id);
      }
    }
    if (groups.size() <= 1 && cutLinks.isEmpty()) {
      partitionGroup.clear();
      record(TraceEvent.heal());
      return;
    }
    List<List<String>> sorted = new ArrayList<>();
    groups.values().forEach(g -> sorted.add(g.stream().sorted().collect(Collectors.toList())));
    record(TraceEvent.partition(sorted));
  }

  /** Cuts the one-way link {@code from → to}; the other direction keeps working. */
  public void cutLink(String from, String to) {
    node(from);
    node(to);
    cutLinks.put(new Network.Link(from, to), Boolean.TRUE);
    record(TraceEvent.link(from, to, false));
  }

  /** Restores the one-way link {@code from → to}. */
  public void restoreLink(String from, String to) {
    cutLinks.remove(new Network.Link(from, to));
    record(TraceEvent.link(from, to, true));
  }

  /** Ends every partition and link cut. */
  public void heal() {
    partitionGroup.clear();
    cutLinks.clear();
    record(TraceEvent.heal());
  }

  /** Whether a message from {@code from} can currently reach {@code to}. */
  public boolean connected(String from, String to) {
    // Checked twice per message: skip the lookups while the network is whole.
    if (cutLinks.isEmpty() && partitionGroup.isEmpty()) {
      return true;
    }
    if (cutLinks.containsKey(new Network.Link(from, to))) {
      return false;
    }
    Integer a = partitionGroup.get(from);
    Integer b = partitionGroup.get(to);
    return a == null || b == null || a.equals(b);
  }

  /**
   * Runs {@code action} at virtual time {@code at} (from the start of the run), recorded in the
   * trace as a nemesis event with {@code description}.
   */
  public void at(Duration at, String description, Runnable action) {
    long time = at.toMillis();
    if (time < now) {
      throw new IllegalArgumentException("t=" + time + " ms is in the past (now " + now + " ms)");
    }
    schedule(
        time,
        () -> {
          traceNemesis(description);
          action.run();
        });
  }

  /** Runs {@code action} after {@code delay} from now (see {@link #at}). */
  public void after(Duration delay, String description, Runnable action) {
    at(Duration.ofMillis(now + delay.toMillis()), description, action);
  }

  /** Runs {@code action} after {@code delayMs} without a trace event of its own. */
  void scheduleAfter(long delayMs, Runnable action) {
    schedule(now + delayMs, action);
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
    checkThread();
    start();
    route(from, to, message);
  }

  /** How to count a message's bytes. Default: the length of its Jackson JSON. */
  public Simulation messageSizer(ToLongFunction<Object> sizer) {
    this.messageSizer = sizer;
    return this;
  }

  private void route(String from, String to, Object message) {
    node(to);
    String type = typeOf(message);
    long size = messageSizer.applyAsLong(message);
    Envelope e = new Envelope(nextMessageId++, from, to, message, type, size);
    stats.sent(type, size);
    record(MessageBodies.send(from, to, e.id, type, message));
    Network.Fate fate = network.decide(from, to);
    if (!connected(from, to)) {
      drop(e, "partition");
      return;
    }
    if (fate.lost()) {
      drop(e, "loss");
      return;
    }
    schedule(now + fate.delayMs(), () -> arrive(e));
    if (fate.duplicated()) {
      stats.duplicated(type);
      record(TraceEvent.duplicate(from, to, e.id, type));
      schedule(now + fate.duplicateDelayMs(), () -> arrive(e));
    }
  }

  private void arrive(Envelope e) {
    SimNode dst = nodesById.get(e.to);
    if (!connected(e.from, e.to)) {
      drop(e, "partition");
    } else if (dst.status == Status.CRASHED) {
      drop(e, "crashed");
    } else if (dst.status == Status.PAUSED) {
      drop(e, "paused");
    } else {
      stats.delivered(e.type, e.size);
      record(TraceEvent.deliver(e.from, e.to, e.id, e.type));
      countStep(e.type);
      dst.handle(e.type, () -> dst.runtime.deliver(e.from, e.message));
    }
  }

  private void drop(Envelope e, String reason) {
    stats.dropped(e.type);
    record(TraceEvent.drop(e.from, e.to, e.id, e.type, reason));
  }

  private static String typeOf(Object message) {
    String simple = message.getClass().getSimpleName();
    return simple.isEmpty() ? message.getClass().getName() : simple;
  }

  // ---------------------------------------------------------------- running

  /** Current virtual time in ms since the start of the run. */
  public long now() {
    return now;
  }

  /** Runs every event up to {@code duration} from now; virtual time then is now + duration. */
  public void runFor(Duration duration) {
    runUntilTime(now + duration.toMillis(), () -> false);
  }

  /**
   * Runs until {@code condition} holds (checked after every event) or until {@code within} has
   * passed; returns whether the condition holds.
   */
  public boolean tryRunUntil(BooleanSupplier condition, Duration within) {
    return runUntilTime(now + within.toMillis(), condition);
  }

  /**
   * Runs until {@code condition} holds; fails naming {@code what} if it does not within {@code
   * within} of virtual time (a liveness check).
   */
  public void runUntil(String what, BooleanSupplier condition, Duration within) {
    long deadline = now + within.toMillis();
    if (!runUntilTime(deadline, condition)) {
      fail("liveness: " + what + " did not happen within " + within.toMillis() + " ms");
    }
  }

  /** The most events one run call may process before it fails as a livelock. Default 2,000,000. */
  public Simulation stepBudget(long events) {
    this.stepBudget = events;
    return this;
  }

  /**
   * Registers a safety property checked after every event; a violation fails the run with the
   * property's name, the virtual time and the node states.
   */
  public void invariant(String property, Invariant check) {
    invariants.add(Map.entry(property, check));
  }

  /**
   * Events per message or timer type in the current run call, for the livelock report; a mutable
   * count per type, as this is updated on every step.
   */
  private final Map<String, long[]> runStepCounts = new HashMap<>();

  private void countStep(String type) {
    runStepCounts.computeIfAbsent(type, k -> new long[1])[0]++;
  }

  private boolean runUntilTime(long deadline, BooleanSupplier condition) {
    checkThread();
    if (failed) {
      throw new IllegalStateException("this simulation already failed; create a new one");
    }
    start();
    runStepCounts.clear();
    long steps = 0;
    long startedAt = now;
    while (!condition.getAsBoolean()) {
      Event next = queue.peek();
      if (next == null || next.time > deadline) {
        now = Math.max(now, deadline);
        return condition.getAsBoolean();
      }
      if (++steps > stepBudget) {
        fail(budgetMessage(startedAt));
      }
      queue.poll();
      now = next.time;
      next.action.run();
      checkInvariants();
    }
    return true;
  }

  private String budgetMessage(long startedAt) {
    String busiest =
        runStepCounts.entrySet().stream()
            // Ties by name: the report goes into the trace, which must not depend on hash order.
            .sorted(
                Comparator.comparingLong((Map.Entry<String, long[]> e) -> e.getValue()[0])
                    .reversed()
                    .thenComparing(Map.Entry.comparingByKey()))
            .limit(5)
            .map(e -> e.getKey() + "=" + e.getValue()[0])
            .collect(Collectors.joining(", "));
    return "step budget of "
        + stepBudget
        + " events exhausted at virtual time "
        + now
        + " ms (run started at "
        + startedAt
        + " ms): livelock? busiest message and timer types: "
        + busiest;
  }

  private void checkInvariants() {
    for (Map.Entry<String, Invariant> inv : invariants) {
      String violation = inv.getValue().violation();
      if (violation != null) {
        fail("invariant '" + inv.getKey() + "' violated: " + violation + " (" + nodeStates() + ")");
      }
    }
  }

  private String nodeStates() {
    return nodeList.stream()
        .map(n -> n.id + "=" + n.status.name().toLowerCase(java.util.Locale.ROOT))
        .collect(Collectors.joining(" "));
  }

  /**
   * Fails the run: records a {@code fail} event in the trace and throws a {@link SimulationFailure}
   * whose message ends with the virtual time.
   */
  public SimulationFailure fail(String what) {
    throw fail(what, null);
  }

  private SimulationFailure fail(String what, Throwable cause) {
    String text = what + " [t=" + now + " ms]";
    recordFailure(text);
    throw new SimulationFailure(text, cause);
  }

  /**
   * Records a {@code fail} event unless the run already failed: for failures found outside the
   * simulation, e.g. a test's own assertion after a run (the JUnit extension does this).
   */
  public void recordFailure(String text) {
    if (!failed) {
      failed = true;
      record(TraceEvent.fail(text));
    }
  }

  private void start() {
    if (!started) {
      started = true;
      for (SimNode n : List.copyOf(nodeList)) {
        if (n.status == Status.NEW) {
          n.start("start");
        }
      }
    }
  }

  private void schedule(long time, Runnable action) {
    queue.add(new Event(time, nextEventSeq++, action));
  }

  private void checkThread() {
    if (Thread.currentThread() != owner) {
      throw new IllegalStateException(
          "the simulation was used from thread "
              + Thread.currentThread().getName()
              + ": nodes must not start threads or use futures");
    }
  }

  // ---------------------------------------------------------------- trace, logs, stats

  /** Counters of this run. */
  public SimulationStats stats() {
    return stats;
  }

  /** The trace so far as JSON lines. */
  public List<String> traceLines() {
    return trace.lines();
  }

  /** Writes the trace so far to {@code file} as JSON Lines. */
  public void writeTrace(Path file) {
    trace.writeTo(file);
  }

  /** Every node log line so far. */
  public List<LogLine> logs() {
    return List.copyOf(logs);
  }

  /** Calls {@code listener} on every node log line from now on (e.g. to track leaders). */
  public void onLog(Consumer<LogLine> listener) {
    logListeners.add(listener);
  }

  void record(TraceEvent event) {
    trace.append(now, event);
  }

  void traceNemesis(String text) {
    record(TraceEvent.nemesis(text));
  }

  void traceLog(String node, String text) {
    LogLine line = new LogLine(now, node, text);
    logs.add(line);
    record(TraceEvent.log(node, text));
    for (Consumer<LogLine> l : logListeners) {
      l.accept(line);
    }
  }

  // ---------------------------------------------------------------- one node

  private final class SimNode {
    final String id;
    final NodeRuntimeFactory<?> factory;
    final NodeStorage storage;
    final Map<Object, Timer> timers = new HashMap<>();
    final Map<Object, Long> heldTimers = new LinkedHashMap<>();
    Status status = Status.NEW;
    int incarnation;
    NodeRuntime runtime;
    long nextTimerGeneration;

    SimNode(String id, NodeRuntimeFactory<?> factory) {
      this.id = id;
      this.factory = factory;
      this.storage = new NodeStorage(Simulation.this, id);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    void start(String how) {
      status = Status.UP;
      record(TraceEvent.node(how, id));
      Context<?> ctx = new Context(this, incarnation);
      handle(
          how,
          () -> {
            runtime = ((NodeRuntimeFactory) factory).create(ctx);
            runtime.start();
          });
    }

    /** Runs a step of this node, turning its exceptions into a run failure. */
    void handle(String what, Runnable step) {
      int inc = incarnation;
      try {
        step.run();
      } catch (SimulationFailure e) {
        if (failed) {
          throw e;
        }
        throw fail("node " + id + ": " + e.getMessage(), e.getCause());
      } catch (RuntimeException | LinkageError e) {
        throw fail(
            "node " + id + " (incarnation " + inc + ") threw " + e + " while handling " + what, e);
      }
    }

    void startTimer(Object key, Object message, long initialDelay, long period) {
      long generation = nextTimerGeneration++;
      timers.put(key, new Timer(generation, message, period));
      schedule(now + Math.max(0, initialDelay), () -> timerDue(key, generation));
    }

    void timerDue(Object key, long generation) {
      Timer t = timers.get(key);
      if (t == null || t.generation != generation || status == Status.CRASHED) {
        return; // replaced, cancelled, or from a crashed incarnation
      }
      if (status == Status.PAUSED) {
        heldTimers.put(key, generation);
        return;
      }
      fireTimer(key, generation);
    }

    void fireTimer(Object key, long generation) {
      Timer t = timers.get(key);
      if (t == null || t.generation != generation || status != Status.UP) {
        return;
      }
      if (t.period > 0) {
        schedule(now + t.period, () -> timerDue(key, generation));
      } else {
        timers.remove(key);
      }
      String type = t.message == null ? null : typeOf(t.message);
      record(TraceEvent.timer(id, String.valueOf(key), type));
      countStep("timer:" + key);
      handle("timer " + key, () -> runtime.fireTimer(key, t.message));
    }
  }

  private record Timer(long generation, Object message, long period) {}

  /** The environment of one incarnation of a node; inert once that incarnation crashed. */
  private final class Context<M> implements NodeContext<M> {
    private final SimNode node;
    private final int incarnation;
    private final Random random;
    private List<String> peers = List.of();
    private int peersOfServers = -1;

    Context(SimNode node, int incarnation) {
      this.node = node;
      this.incarnation = incarnation;
      this.random = Seeds.random(seed, "node/" + node.id + "/" + incarnation);
    }

    private boolean current() {
      checkThread();
      return isCurrentIncarnation(node.id, incarnation);
    }

    @Override
    public String self() {
      return node.id;
    }

    @Override
    public List<String> peers() {
      // Nodes ask for their peers on every broadcast; servers are only ever added, so the list
      // changes only when their number does.
      if (peersOfServers != servers.size()) {
        peers = servers.stream().filter(s -> !s.equals(node.id)).sorted().toList();
        peersOfServers = servers.size();
      }
      return peers;
    }

    @Override
    public void send(String to, M message) {
      if (current()) {
        if (!nodesById.containsKey(to)) {
          throw new IllegalArgumentException(
              node.id + " sent " + typeOf(message) + " to unknown node " + to);
        }
        route(node.id, to, message);
      }
    }

    @Override
    public StableStorage storage() {
      return node.storage.view(incarnation);
    }

    @Override
    public Random random() {
      return random;
    }

    @Override
    public long nowMillis() {
      return now;
    }

    @Override
    public void log(String format, Object... args) {
      if (current()) {
        traceLog(node.id, args.length == 0 ? format : String.format(format, args));
      }
    }

    @Override
    public void startTimer(Object key, M message, long initialDelayMs, long periodMs) {
      if (current()) {
        node.startTimer(key, message, initialDelayMs, periodMs);
      }
    }

    @Override
    public void cancelTimer(Object key) {
      if (current()) {
        node.timers.remove(key);
        node.heldTimers.remove(key);
      }
    }
  }
}
