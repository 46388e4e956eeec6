package io.pdslab.harness.netty;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import io.pdslab.harness.sim.Frame;
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
 * by the node's initializer. What a channel writes in one step travels as one {@link Frame}, the
 * simulator's payload for byte-speaking nodes. {@link #connect} opens a connection; a frame
 * arriving from a peer without one opens it on this side (an accept). A channel that closes tells
 * its peer (an empty {@value #CLOSE_TYPE} frame, a TCP FIN in effect); later bytes on that
 * connection are dropped, as on a reset TCP connection.
 *
 * <p>All methods run on the simulation's thread. Outside a simulation step (e.g. from the test
 * between two {@code runFor} calls), wrap channel work in {@link #execute} so that what it writes
 * is sent and what it schedules is timed.
 */
public final class NettyEndpoint {
  /** The type of the empty frame that tells a peer its connection was closed. */
  public static final String CLOSE_TYPE = "NettyClose";

  private static final int MAX_ROUNDS_PER_STEP = 10_000;

  private final String id;
  private final Consumer<EmbeddedChannel> initializer;
  private String frameType = "Netty";
  private Function<byte[], String> describer;
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
   * The type label of the frames this node sends (default {@code "Netty"}), under which the trace
   * and the simulation's counters show them, e.g. {@code "RpcRequest"}.
   */
  public NettyEndpoint frameType(String type) {
    if (type == null || type.isBlank() || type.equals(CLOSE_TYPE)) {
      throw new IllegalArgumentException("a frame type must be a label other than " + CLOSE_TYPE);
    }
    this.frameType = type;
    return this;
  }

  /**
   * How the trace shows the bytes a channel sent (default: their length and first bytes in hex);
   * e.g. decode them with the lab's codec. Must give the same text in every run.
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

  NodeRuntime create(NodeContext<Frame> ctx) {
    if (current != null) {
      current.closeAll();
    }
    current = new Runtime(ctx);
    return current;
  }

  private Frame frame(byte[] bytes) {
    Frame frame = Frame.of(frameType, bytes);
    return describer == null ? frame : frame.withSummary(describer.apply(bytes));
  }

  /** One incarnation of the node: its channels by peer. */
  private final class Runtime implements NodeRuntime {
    final NodeContext<Frame> ctx;
    // Insertion order: pumping channels in a fixed order keeps runs deterministic.
    final Map<String, EmbeddedChannel> channels = new LinkedHashMap<>();
    final TreeSet<String> closed = new TreeSet<>();

    Runtime(NodeContext<Frame> ctx) {
      this.ctx = ctx;
    }

    @Override
    public void start() {}

    @Override
    public void deliver(String from, Object message) {
      if (!(message instanceof Frame frame)) {
        throw new IllegalArgumentException(id + " got a message that is not a Frame: " + message);
      }
      if (isClose(frame)) {
        EmbeddedChannel ch = channels.get(from);
        if (ch != null) {
          ctx.log("connection to %s closed by the peer", from);
          ch.close();
          pump();
        }
        return;
      }
      if (closed.contains(from)) {
        ctx.log("dropped %d bytes from %s: the connection is closed", frame.size(), from);
        return;
      }
      EmbeddedChannel ch = channels.containsKey(from) ? channels.get(from) : open(from);
      ch.writeInbound(ch.alloc().buffer(frame.size()).writeBytes(frame.buffer()));
      pump();
    }

    private boolean isClose(Frame frame) {
      return frame.size() == 0 && frame.type().equals(CLOSE_TYPE);
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
          ctx.send(peer, frame(bytes));
        }
        if (!ch.isOpen()) {
          channels.remove(peer);
          closed.add(peer);
          ch.finishAndReleaseAll();
          ctx.cancelTimer(timerKey(peer));
          ctx.send(peer, Frame.of(CLOSE_TYPE, new byte[0]));
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
