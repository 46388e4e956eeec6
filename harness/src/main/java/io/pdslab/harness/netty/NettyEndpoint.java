package io.pdslab.harness.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import io.pdslab.harness.sim.NodeContext;
import io.pdslab.harness.sim.NodeRuntime;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A simulated node whose connections are Netty {@link EmbeddedChannel}s, one per peer, each set up
 * by the node's initializer. {@link #connect} opens a connection; bytes arriving from a peer
 * without one open it on this side (an accept). A channel that closes tells its peer ({@link
 * NettyClose}); later bytes on that connection are dropped, as on a reset TCP connection.
 *
 * <p>All methods run on the simulation's thread. Outside a simulation step (e.g. from the test
 * between two {@code runFor} calls), wrap channel work in {@link #execute} so that what it writes
 * is sent and what it schedules is timed.
 */
public final class NettyEndpoint {
  private static final int HEX_PREFIX_BYTES = 24;
  private static final int MAX_ROUNDS_PER_STEP = 10_000;

  private final String id;
  private final Consumer<EmbeddedChannel> initializer;
  private Function<byte[], String> describer = NettyEndpoint::hexSummary;
  private Runtime current;

  NettyEndpoint(String id, Consumer<EmbeddedChannel> initializer) {
    this.id = id;
    this.initializer = initializer;
  }

  /** This node's id. */
  public String id() {
    return id;
  }

  /**
   * How the trace shows the bytes a channel sent (default: their length and a hex prefix); e.g.
   * decode them with the lab's codec. Must be deterministic.
   */
  public NettyEndpoint describeFrames(Function<byte[], String> describer) {
    this.describer = describer;
    return this;
  }

  /**
   * The channel to {@code peer}, opened (and initialized) now if there is none. Throws if the
   * connection was closed.
   */
  public Channel connect(String peer) {
    return runtime().open(peer);
  }

  /** The open channel to {@code peer}, or null. */
  public Channel channel(String peer) {
    return runtime().channels.get(peer);
  }

  /** Runs {@code action} now, then sends what the channels wrote and times what they scheduled. */
  public void execute(Runnable action) {
    Runtime r = runtime();
    try {
      action.run();
    } finally {
      r.pump();
    }
  }

  /** This incarnation's seeded random source (e.g. for a client's jitter). */
  public Random random() {
    return runtime().ctx.random();
  }

  /** A line in the trace, attributed to this node. */
  public void log(String format, Object... args) {
    runtime().ctx.log(format, args);
  }

  /** Whether the node is running (it starts with the simulation's first step). */
  public boolean isRunning() {
    return current != null;
  }

  /**
   * Closes every channel and releases what they still hold; call it at the end of a test so that
   * leak checks see every buffer released.
   */
  public void closeAll() {
    if (current != null) {
      current.closeAll();
    }
  }

  private Runtime runtime() {
    if (current == null) {
      throw new IllegalStateException(
          "node "
              + id
              + " is not running: start the simulation first (e.g. sim.runFor(Duration.ZERO))"
              + " or act inside sim.at(...)");
    }
    return current;
  }

  NodeRuntime create(NodeContext<Object> ctx) {
    if (current != null) {
      current.closeAll();
    }
    current = new Runtime(ctx);
    return current;
  }

  private static String hexSummary(byte[] bytes) {
    int n = Math.min(bytes.length, HEX_PREFIX_BYTES);
    String hex = ByteBufUtil.hexDump(bytes, 0, n);
    return bytes.length + "B " + hex + (n < bytes.length ? "…" : "");
  }

  /** One incarnation of the node: its channels by peer. */
  private final class Runtime implements NodeRuntime {
    final NodeContext<Object> ctx;
    // Insertion order: pumping channels in a fixed order keeps runs deterministic.
    final Map<String, EmbeddedChannel> channels = new LinkedHashMap<>();
    final TreeSet<String> closed = new TreeSet<>();

    Runtime(NodeContext<Object> ctx) {
      this.ctx = ctx;
    }

    @Override
    public void start() {}

    @Override
    public void deliver(String from, Object message) {
      if (message instanceof NettyClose close) {
        EmbeddedChannel ch = channels.get(from);
        if (ch != null) {
          ctx.log("connection to %s closed by the peer (%s)", from, close.reason());
          ch.close();
          pump();
        }
        return;
      }
      if (!(message instanceof NettyBytes bytes)) {
        throw new IllegalArgumentException(id + " got a non-Netty message " + message);
      }
      if (closed.contains(from)) {
        ctx.log("dropped %d bytes from %s: the connection is closed", bytes.bytes().length, from);
        return;
      }
      EmbeddedChannel ch = channels.containsKey(from) ? channels.get(from) : open(from);
      ch.writeInbound(ch.alloc().buffer(bytes.bytes().length).writeBytes(bytes.bytes()));
      pump();
    }

    @Override
    public void fireTimer(Object key, Object message) {
      pump();
    }

    EmbeddedChannel open(String peer) {
      EmbeddedChannel existing = channels.get(peer);
      if (existing != null) {
        return existing;
      }
      if (closed.contains(peer)) {
        throw new IllegalStateException("the connection " + id + "->" + peer + " was closed");
      }
      EmbeddedChannel ch =
          EmbeddedChannel.builder().ticker(new VirtualTicker(ctx::nowMillis)).build();
      channels.put(peer, ch);
      initializer.accept(ch);
      return ch;
    }

    /**
     * Runs due tasks until nothing changes, sends each channel's output, reports closed channels
     * and arms one timer per channel for its next scheduled task.
     */
    void pump() {
      for (String peer : List.copyOf(channels.keySet())) {
        EmbeddedChannel ch = channels.get(peer);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int round = 0; ; round++) {
          if (round > MAX_ROUNDS_PER_STEP) {
            throw new IllegalStateException(
                "channel " + id + "->" + peer + " keeps running tasks without end (livelock?)");
          }
          ch.runPendingTasks();
          if (!drain(ch, out)) {
            break;
          }
        }
        if (out.size() > 0) {
          byte[] bytes = out.toByteArray();
          ctx.send(peer, new NettyBytes(describer.apply(bytes), bytes));
        }
        if (!ch.isOpen()) {
          channels.remove(peer);
          closed.add(peer);
          ch.finishAndReleaseAll();
          ctx.cancelTimer(timerKey(peer));
          ctx.send(peer, new NettyClose(id + " closed"));
          continue;
        }
        long nextNanos = ch.runScheduledPendingTasks();
        if (nextNanos >= 0) {
          long delayMs = Math.max(1, TimeUnit.NANOSECONDS.toMillis(nextNanos + 999_999));
          ctx.startTimer(timerKey(peer), null, delayMs, 0);
        } else {
          ctx.cancelTimer(timerKey(peer));
        }
      }
    }

    /** Moves the channel's outbound bytes into {@code out}; returns whether there were any. */
    private boolean drain(EmbeddedChannel ch, ByteArrayOutputStream out) {
      boolean any = false;
      for (Object msg; (msg = ch.readOutbound()) != null; ) {
        any = true;
        try {
          if (!(msg instanceof ByteBuf buf)) {
            throw new IllegalStateException(
                id + " wrote a " + msg.getClass().getSimpleName() + ", not bytes: add an encoder");
          }
          byte[] copy = new byte[buf.readableBytes()];
          buf.readBytes(copy);
          out.writeBytes(copy);
        } finally {
          ReferenceCountUtil.release(msg);
        }
      }
      return any;
    }

    private String timerKey(String peer) {
      return "netty:" + peer;
    }

    void closeAll() {
      List<EmbeddedChannel> all = new ArrayList<>(channels.values());
      channels.clear();
      for (EmbeddedChannel ch : all) {
        ch.finishAndReleaseAll();
      }
    }
  }
}
