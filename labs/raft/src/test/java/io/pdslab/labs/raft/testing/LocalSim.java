package io.pdslab.labs.raft.testing;

import io.pdslab.harness.node.NodeEnv;
import io.pdslab.harness.node.NodeFactory;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;
import org.apache.pekko.actor.testkit.typed.Effect;
import org.apache.pekko.actor.testkit.typed.javadsl.BehaviorTestKit;

/**
 * A small deterministic discrete-event simulator for Pekko behaviors (one {@link BehaviorTestKit}
 * per node): the Raft tester's network, clock, timers, crashes and partitions.
 *
 * <p>Everything random comes from the seed; events at the same virtual time run in the order they
 * were scheduled. Timers follow Pekko's rules: re-arming a key replaces the pending timer,
 * cancelling it drops it, and a crash drops them all.
 *
 * @param <M> the nodes' message type
 */
public final class LocalSim<M> {
  /** Network behaviour of the whole simulated network. */
  public enum Network {
    /** Every message arrives after 1–5 ms. */
    RELIABLE,
    /** 10 % of messages are lost, the others take 1–27 ms. */
    UNRELIABLE,
  }

  private record Event(long time, long seq, String node, int incarnation, Object payload)
      implements Comparable<Event> {
    @Override
    public int compareTo(Event o) {
      return time != o.time ? Long.compare(time, o.time) : Long.compare(seq, o.seq);
    }
  }

  private record Delivery<M>(String from, M message) {}

  private record TimerFire<M>(Object key, long generation, M message, long periodMs) {}

  private final class Node implements NodeEnv<M> {
    final String id;
    final List<String> peers;
    final NodeFactory<M> factory;
    MemoryStorage storage = new MemoryStorage();
    BehaviorTestKit<M> kit;
    Random random;
    boolean up;
    boolean connected = true;
    int incarnation;
    final Map<Object, Long> timerGenerations = new HashMap<>();
    long sent;
    long sentBytes;

    Node(String id, List<String> peers, NodeFactory<M> factory) {
      this.id = id;
      this.peers = peers;
      this.factory = factory;
    }

    @Override
    public String self() {
      return id;
    }

    @Override
    public List<String> peers() {
      return peers;
    }

    @Override
    public void send(String to, M message) {
      LocalSim.this.send(this, to, message);
    }

    @Override
    public MemoryStorage storage() {
      return storage;
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
      trace(id + ": " + String.format(format, args));
    }
  }

  private static final int TRACE_TAIL = 300;

  private final Random random;
  private final long seed;
  private final Map<String, Node> nodes = new TreeMap<>();
  private final PriorityQueue<Event> queue = new PriorityQueue<>();
  private final List<Runnable> invariants = new ArrayList<>();
  private final List<SendListener<M>> sendListeners = new ArrayList<>();
  private final Deque<String> traceTail = new ArrayDeque<>();
  private ToIntFunction<M> sizer = m -> 0;
  private Predicate<M> counted = m -> true;
  private Network network = Network.RELIABLE;
  private boolean longReordering;
  private long now;
  private long seq;
  private long events;

  public LocalSim(long seed) {
    this.seed = seed;
    this.random = new Random(seed);
  }

  /** Adds a node (not started). {@code peers} are the other servers it may talk to. */
  public void addNode(String id, List<String> peers, NodeFactory<M> factory) {
    nodes.put(id, new Node(id, List.copyOf(peers), factory));
  }

  /** Starts (or restarts after a crash) a node from a copy of its stable storage. */
  public void start(String id) {
    Node n = node(id);
    if (n.up) {
      throw new IllegalStateException(id + " is already up");
    }
    n.incarnation++;
    n.storage = n.storage.copy();
    n.random = new Random(seed * 1_000_003L + id.hashCode() * 31L + n.incarnation);
    n.timerGenerations.clear();
    n.up = true;
    trace(id + " start #" + n.incarnation);
    n.kit = BehaviorTestKit.create(n.factory.create(n));
    processEffects(n);
  }

  /** Crashes a node: its in-flight messages and timers are lost; its storage survives. */
  public void crash(String id) {
    Node n = node(id);
    if (n.up) {
      n.up = false;
      n.kit = null;
      trace(id + " crash");
    }
  }

  public boolean isUp(String id) {
    return node(id).up;
  }

  /** Reconnects a node to the network. */
  public void connect(String id) {
    node(id).connected = true;
    trace(id + " connect");
  }

  /** Cuts every link to and from a node (messages in flight are lost too). */
  public void disconnect(String id) {
    node(id).connected = false;
    trace(id + " disconnect");
  }

  public boolean isConnected(String id) {
    return node(id).connected;
  }

  public void setNetwork(Network network) {
    this.network = network;
  }

  /** Delays about two thirds of the messages by 200–2200 ms more. */
  public void setLongReordering(boolean on) {
    this.longReordering = on;
  }

  /** Counts message sizes with {@code sizer} (bytes). */
  public void setSizer(ToIntFunction<M> sizer) {
    this.sizer = sizer;
  }

  /** Which messages {@link #sentBy} counts (e.g. requests but not replies). */
  public void setCounted(Predicate<M> counted) {
    this.counted = counted;
  }

  /** Sees every message a node sends, before the network decides its fate. */
  @FunctionalInterface
  public interface SendListener<M> {
    void onSend(String from, String to, M message);
  }

  public void addSendListener(SendListener<M> listener) {
    sendListeners.add(listener);
  }

  /** Runs after every event; throw an {@link AssertionError} to report a violation. */
  public void addInvariant(Runnable check) {
    invariants.add(check);
  }

  /** Shared random source of the test (workloads, nemesis choices). */
  public Random random() {
    return random;
  }

  public long now() {
    return now;
  }

  public long seed() {
    return seed;
  }

  /** Events processed so far (deliveries and timer firings). */
  public long events() {
    return events;
  }

  /** Counted messages sent by a node since it was added. */
  public long sentBy(String id) {
    return node(id).sent;
  }

  /** A node's stable storage (as its current incarnation sees it). */
  public MemoryStorage storageOf(String id) {
    return node(id).storage;
  }

  /** Bytes (per the sizer) sent by a node since it was added. */
  public long bytesSentBy(String id) {
    return node(id).sentBytes;
  }

  /** The last few hundred trace lines, for failure messages. */
  public String traceTail() {
    return String.join("\n", traceTail);
  }

  /** Advances virtual time by {@code ms}, running every event due. */
  public void runFor(long ms) {
    long until = now + ms;
    for (Node n : nodes.values()) {
      if (n.up) {
        processEffects(n);
      }
    }
    while (!queue.isEmpty() && queue.peek().time() <= until) {
      Event e = queue.poll();
      now = e.time();
      dispatch(e);
      for (Runnable check : invariants) {
        check.run();
      }
    }
    now = until;
  }

  private void send(Node from, String to, M message) {
    if (to.equals(from.id)) {
      throw new IllegalArgumentException(from.id + " sends to itself: " + message);
    }
    Node target = node(to);
    for (SendListener<M> l : sendListeners) {
      l.onSend(from.id, to, message);
    }
    if (counted.test(message)) {
      from.sent++;
    }
    from.sentBytes += sizer.applyAsInt(message);
    if (!from.connected || !target.connected) {
      return;
    }
    long delay = 1 + random.nextInt(5);
    if (network == Network.UNRELIABLE) {
      if (random.nextInt(10) == 0) {
        return;
      }
      delay = 1 + random.nextInt(27);
    }
    if (longReordering && random.nextInt(900) < 600) {
      delay += 200 + random.nextInt(1 + random.nextInt(2000));
    }
    schedule(now + delay, to, target.incarnation, new Delivery<>(from.id, message));
  }

  private void schedule(long time, String node, int incarnation, Object payload) {
    queue.add(new Event(time, seq++, node, incarnation, payload));
  }

  @SuppressWarnings("unchecked")
  private void dispatch(Event e) {
    Node n = nodes.get(e.node());
    if (!n.up || n.incarnation != e.incarnation()) {
      return;
    }
    if (e.payload() instanceof Delivery<?> d) {
      if (!n.connected || !node(d.from()).connected) {
        return;
      }
      events++;
      n.kit.run((M) d.message());
    } else if (e.payload() instanceof TimerFire<?> t) {
      if (!Long.valueOf(t.generation()).equals(n.timerGenerations.get(t.key()))) {
        return;
      }
      if (t.periodMs() > 0) {
        schedule(now + t.periodMs(), n.id, n.incarnation, t);
      } else {
        n.timerGenerations.remove(t.key());
      }
      events++;
      n.kit.run((M) t.message());
    }
    if (n.up) {
      processEffects(n);
    }
  }

  @SuppressWarnings("unchecked")
  private void processEffects(Node n) {
    for (Effect effect : n.kit.getAllEffects()) {
      if (effect instanceof Effect.TimerScheduled<?> t) {
        long generation = seq;
        n.timerGenerations.put(t.key(), generation);
        long delay = t.duration().toMillis();
        String mode = t.mode().getClass().getSimpleName();
        boolean single = mode.startsWith("SingleMode");
        long first = mode.endsWith("WithInitialDelay") ? initialDelayMillis(t.mode()) : delay;
        schedule(
            now + first,
            n.id,
            n.incarnation,
            new TimerFire<>(t.key(), generation, (M) t.msg(), single ? 0 : Math.max(1, delay)));
      } else if (effect instanceof Effect.TimerCancelled c) {
        n.timerGenerations.remove(c.key());
      }
    }
  }

  private static long initialDelayMillis(Object mode) {
    try {
      return ((scala.concurrent.duration.FiniteDuration)
              mode.getClass().getMethod("initialDelay").invoke(mode))
          .toMillis();
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("unknown timer mode " + mode, e);
    }
  }

  private Node node(String id) {
    Node n = nodes.get(id);
    if (n == null) {
      throw new IllegalArgumentException("no node " + id);
    }
    return n;
  }

  private void trace(String line) {
    if (traceTail.size() == TRACE_TAIL) {
      traceTail.removeFirst();
    }
    traceTail.addLast("t=" + now + " " + line);
  }
}
