package io.pdslab.harness.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The seam for nodes that speak bytes (e.g. a Netty pipeline): two plain {@link NodeRuntime}
 * endpoints exchange opaque {@link Frame}s through the simulated network, with a retransmission
 * timer, under loss and a crash.
 */
class FrameEndpointTest {
  private static final String RETRANSMIT = "retransmit";

  /** Sends numbered requests one at a time, resending every 30 ms until the reply arrives. */
  static final class Requester implements NodeRuntime {
    private final NodeContext<Frame> ctx;
    private final String server;
    private final int requests;
    final List<String> replies = new ArrayList<>();

    Requester(NodeContext<Frame> ctx, String server, int requests) {
      this.ctx = ctx;
      this.server = server;
      this.requests = requests;
    }

    @Override
    public void start() {
      sendCurrent();
    }

    private void sendCurrent() {
      if (replies.size() < requests) {
        ctx.send(server, Frame.of("Request", encode("ping " + replies.size())));
        ctx.startTimer(RETRANSMIT, null, 30, 30);
      } else {
        ctx.cancelTimer(RETRANSMIT);
      }
    }

    @Override
    public void deliver(String from, Object message) {
      String reply = decode((Frame) message);
      if (reply.equals("pong " + replies.size())) {
        replies.add(reply);
        sendCurrent();
      }
    }

    @Override
    public void fireTimer(Object key, Object message) {
      sendCurrent();
    }
  }

  /** Answers {@code ping i} with {@code pong i}; keeps no state, so a restart loses nothing. */
  static final class Responder implements NodeRuntime {
    private final NodeContext<Frame> ctx;

    Responder(NodeContext<Frame> ctx) {
      this.ctx = ctx;
    }

    @Override
    public void start() {}

    @Override
    public void deliver(String from, Object message) {
      String request = decode((Frame) message);
      ctx.send(from, Frame.of("Reply", encode(request.replace("ping", "pong"))));
    }

    @Override
    public void fireTimer(Object key, Object message) {}
  }

  /** A length-prefixed frame, as a pipeline's encoder would write it. */
  static byte[] encode(String text) {
    byte[] body = text.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(4 + body.length).putInt(body.length).put(body).array();
  }

  static String decode(Frame frame) {
    ByteBuffer buffer = frame.buffer();
    byte[] body = new byte[buffer.getInt()];
    buffer.get(body);
    return new String(body, StandardCharsets.UTF_8);
  }

  private static final class Run {
    final Simulation sim;
    final List<Requester> requesters = new ArrayList<>();

    Run(long seed, int requests) {
      sim = new Simulation(seed);
      sim.<Frame>runtimeNodes(1, Responder::new);
      sim.<Frame>runtimeNode(
          "c0",
          ctx -> {
            Requester r = new Requester(ctx, "n0", requests);
            requesters.add(r);
            return r;
          });
      sim.network().latency(Latency.uniform(1, 10)).dropRate(0.3);
    }

    Requester client() {
      return requesters.get(requesters.size() - 1);
    }
  }

  @Test
  void framesCrossALossyNetworkAsCountedBytes() {
    Run run = new Run(7, 20);
    run.sim.runUntil("20 replies", () -> run.client().replies.size() == 20, Duration.ofSeconds(5));

    SimulationStats.Traffic requests = run.sim.stats().of("Request");
    assertTrue(requests.dropped() > 0, "the network lost some requests: " + requests);
    // Every request is 4 + "ping i".length() bytes, counted exactly rather than as JSON.
    assertEquals(requests.sentBytes(), sentBytesOf(run.sim, "Request"));
    assertEquals("pong 19", run.client().replies.get(19));
    String trace = String.join("\n", run.sim.traceLines());
    assertTrue(
        trace.contains("\"msg\":\"Request\",\"body\":\"Request[10 B: 0000000670696e672030]\""),
        "a frame is traced by its label, size and bytes");
  }

  @Test
  void theSameSeedGivesTheSameTrace() {
    assertEquals(traceOf(11), traceOf(11));
    assertNotEquals(traceOf(11), traceOf(12));
  }

  @Test
  void aRestartedEndpointAnswersAgainAndTheRequesterCatchesUp() {
    Run run = new Run(3, 10);
    run.sim.at(Duration.ofMillis(40), "crash n0", () -> run.sim.crash("n0"));
    run.sim.at(Duration.ofMillis(400), "restart n0", () -> run.sim.restart("n0"));
    // Replies already in flight at the crash still arrive, within the 10 ms maximum latency.
    run.sim.runFor(Duration.ofMillis(50));
    int beforeRestart = run.client().replies.size();
    run.sim.runFor(Duration.ofMillis(349));
    assertTrue(beforeRestart < 10);
    assertEquals(beforeRestart, run.client().replies.size(), "no replies while n0 is down");
    run.sim.runUntil("10 replies", () -> run.client().replies.size() == 10, Duration.ofSeconds(5));
    assertTrue(String.join("\n", run.sim.traceLines()).contains("\"reason\":\"crashed\""));
  }

  @Test
  void aFrameIsAnImmutableCopy() {
    byte[] bytes = {1, 2, 3};
    Frame frame = Frame.of("F", bytes);
    bytes[0] = 9;
    frame.bytes()[1] = 9;
    assertArrayEquals(new byte[] {1, 2, 3}, frame.bytes());
    assertTrue(frame.buffer().isReadOnly());
    assertEquals(frame, Frame.of("F", ByteBuffer.wrap(new byte[] {0, 1, 2, 3}, 1, 3)));
    assertFalse(frame.equals(Frame.of("G", new byte[] {1, 2, 3})));
    assertEquals("F[3 B: 010203]", frame.toString());
    assertEquals("F[40 B: " + "00".repeat(32) + "...]", Frame.of("F", new byte[40]).toString());
    assertThrows(IllegalArgumentException.class, () -> Frame.of(" ", bytes));
  }

  private static String traceOf(long seed) {
    Run run = new Run(seed, 10);
    run.sim.runFor(Duration.ofSeconds(2));
    return String.join("\n", run.sim.traceLines());
  }

  /** The bytes of every {@code type} send in the trace, from the frames' own lengths. */
  private static long sentBytesOf(Simulation sim, String type) {
    return sim.traceLines().stream()
        .filter(l -> l.contains("\"type\":\"send\"") && l.contains("\"msg\":\"" + type + "\""))
        .mapToLong(
            l -> Long.parseLong(l.replaceAll(".*\"body\":\"" + type + "\\[(\\d+) B.*", "$1")))
        .sum();
  }
}
