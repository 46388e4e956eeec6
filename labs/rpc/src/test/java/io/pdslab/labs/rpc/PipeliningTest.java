package io.pdslab.labs.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import io.pdslab.harness.junit.SimulationTest;
import io.pdslab.harness.sim.Latency;
import io.pdslab.harness.sim.Simulation;
import io.pdslab.labs.rpc.given.ClientConfig;
import io.pdslab.labs.rpc.given.KvStore;
import io.pdslab.labs.rpc.given.Op;
import io.pdslab.labs.rpc.given.Pipelines;
import io.pdslab.labs.rpc.given.RpcMessage.Reply;
import io.pdslab.labs.rpc.given.RpcMessage.Request;
import io.pdslab.labs.rpc.testing.ClientChannel;
import io.pdslab.labs.rpc.testing.Frames;
import io.pdslab.labs.rpc.testing.LeakCheck;
import io.pdslab.labs.rpc.testing.Loopback;
import io.pdslab.labs.rpc.testing.RpcSim;
import io.pdslab.labs.rpc.testing.Transport;
import io.pdslab.labs.rpc.testing.Workload;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Part D: many calls in flight on one connection, replies matched in any order, the client holding
 * writes while the channel is not writable and the server pausing reads while its own output is
 * full. Speed is compared in virtual time, never on the wall clock.
 */
@ExtendWith(LeakCheck.class)
class PipeliningTest {
  static final ClientConfig CONFIG = new ClientConfig(5000, 50, 400, 1);

  @SimulationTest
  void windowOfEightBeatsOne(Simulation sim) {
    long one = completionTime(sim, 1);
    long eight = completionTime(new Simulation(sim.seed()), 8);
    assertTrue(
        eight * 4 < one,
        "100 calls took " + one + " ms one at a time, " + eight + " ms eight at a time");
  }

  /** Virtual ms for one client to finish 100 calls with {@code window}, checking the window. */
  private static long completionTime(Simulation sim, int window) {
    RpcSim rpc = new RpcSim(sim, 1, CONFIG.withWindow(window));
    InFlight spy = new InFlight();
    rpc.clientBug = p -> p.addBefore("app", "spy", spy);
    sim.network().latency(Latency.uniform(4, 6));
    sim.invariant(
        "window",
        () -> spy.max > window ? spy.max + " calls in flight with a window of " + window : null);
    Workload w = new Workload(sim::now, 100);
    rpc.startWorkload(w, 16);
    sim.runUntil("100 calls", w::finished, Duration.ofMinutes(5));
    assertEquals(100, w.succeeded(), w.outcomes());
    assertEquals(window, spy.max, "calls in flight at the busiest moment");
    rpc.close();
    return sim.now();
  }

  @Test
  void repliesMatchedOutOfOrder() {
    ClientChannel c = new ClientChannel(CONFIG.withWindow(3), 1);
    CompletableFuture<String> a = c.client.call(Op.get("a"));
    CompletableFuture<String> b = c.client.call(Op.get("b"));
    CompletableFuture<String> d = c.client.call(Op.get("d"));
    CompletableFuture<String> e = c.client.call(Op.get("e")); // waits: window of 3
    assertEquals(List.of(1L, 2L, 3L), c.sent().stream().map(Request::seq).toList());
    c.reply(new Reply(1, 3, "D"));
    assertEquals(List.of(4L), c.sent().stream().map(Request::seq).toList(), "window freed");
    c.reply(new Reply(1, 1, "A"));
    c.reply(new Reply(1, 4, "E"));
    c.reply(new Reply(1, 2, "B"));
    assertEquals(List.of("A", "B", "D", "E"), List.of(a.join(), b.join(), d.join(), e.join()));
    c.client.call(Op.get("f"));
    assertEquals(List.of(new Request(1, 5, 4, Op.get("f"))), c.sent(), "ack covers calls 1-4");
    c.channel.finishAndReleaseAll();
  }

  @Test
  void clientHoldsWritesWhileNotWritable() {
    ClientChannel c = new ClientChannel(CONFIG.withWindow(100), 1);
    var outbound = c.channel.unsafe().outboundBuffer();
    outbound.setUserDefinedWritability(1, false);
    for (int i = 0; i < 5; i++) {
      c.client.call(Op.append("k", "v" + i));
    }
    c.channel.runPendingTasks();
    assertEquals(List.of(), c.sent(), "written while the channel was not writable");
    outbound.setUserDefinedWritability(1, true);
    c.channel.runPendingTasks();
    assertEquals(
        List.of(1L, 2L, 3L, 4L, 5L),
        c.sent().stream().map(Request::seq).toList(),
        "sent once writable");
    c.channel.finishAndReleaseAll();
  }

  /**
   * A slow peer: the window is full and the channel stops being writable, so the next calls queue.
   * The calls in flight expire, then the queued ones, unsent. Once the channel is writable again
   * only {@code window} new calls may go out: a call that never went out held no slot in the window
   * and must not free one when it fails.
   */
  @Test
  void callsExpiringUnsentFreeNoWindowSlot() {
    int window = 2;
    ClientChannel c = new ClientChannel(CONFIG.withWindow(window).withDeadline(100), 1);
    var outbound = c.channel.unsafe().outboundBuffer();
    for (int i = 0; i < window; i++) {
      c.client.call(Op.get("sent" + i));
    }
    c.advance(10);
    outbound.setUserDefinedWritability(1, false);
    c.channel.runPendingTasks();
    c.client.call(Op.get("unsent0"));
    c.client.call(Op.get("unsent1"));
    // Calls 1 and 2 expire in flight at t=100; calls 3 and 4 expire unsent at t=110. (Whether they
    // fail on time is part C's to check; only the window is checked here.)
    c.advance(100);
    assertEquals(
        List.of(1L, 2L), distinctSeqs(c.sent()), "calls written while the window was full");
    outbound.setUserDefinedWritability(1, true);
    c.channel.runPendingTasks();
    for (int i = 0; i <= window; i++) {
      c.client.call(Op.get("later" + i));
    }
    List<Long> later = distinctSeqs(c.sent());
    assertEquals(
        window,
        later.size(),
        "calls written once the channel was writable again, with a window of "
            + window
            + ", after calls 3 and 4 expired unsent: "
            + later
            + " (a call that never went out held no slot in the window, so its failure frees"
            + " none; freeing one lets more than window calls load the server)");
    c.channel.finishAndReleaseAll();
  }

  /**
   * A call made before the connection is up (here, as the channel registers, before it connects)
   * waits like a call beyond the window, and goes out as soon as the channel is active.
   */
  @Test
  void aCallMadeBeforeTheConnectionIsUpGoesOutOnceItIs() throws Exception {
    RpcClient client = new RpcClient(1, CONFIG.withDeadline(30_000), new Random(1));
    KvStore store = new KvStore();
    store.execute(0, 1, Op.put("k", "v"));
    KvServer server = new KvServer(store);
    Written written = new Written();
    CompletableFuture<CompletableFuture<String>> early = new CompletableFuture<>();
    try (Loopback net = new Loopback(Transport.LOCAL, ch -> Pipelines.server(ch, server, null))) {
      Channel ch =
          net.connect(
              c -> {
                Pipelines.client(c, client, null);
                c.pipeline().addBefore("app", "written", written);
                // The channel is registered, not yet connected: the earliest a call can be made.
                early.complete(client.call(Op.get("k")));
              });
      // Runs after the connection's activation, which the event loop ran before it. (Distinct:
      // on a busy machine a retry may have gone out too.)
      List<Long> sent =
          ch.eventLoop().submit(() -> written.seqs.stream().distinct().toList()).get();
      assertEquals(
          List.of(1L),
          sent,
          "calls written once the connection was active: a call made before it must go out then,"
              + " or every call a client makes while it connects waits out its deadline");
      assertEquals("v", early.get().join(), "the early call's reply");
    }
  }

  /** The distinct sequence numbers of {@code requests}, in order of first appearance. */
  private static List<Long> distinctSeqs(List<Request> requests) {
    return requests.stream().map(Request::seq).distinct().toList();
  }

  @Test
  void serverStopsReadingWhileItsOutputIsFull() {
    EmbeddedChannel ch = new EmbeddedChannel();
    ch.config().setAllocator(LeakCheck.allocator());
    Pipelines.server(ch, new KvServer(new KvStore()), null);
    ch.unsafe().outboundBuffer().setUserDefinedWritability(1, false);
    ch.writeInbound(ch.alloc().buffer().writeBytes(Frames.of(new Request(1, 1, 0, Op.get("k")))));
    assertFalse(ch.config().isAutoRead(), "still reading while the output is full");
    ch.unsafe().outboundBuffer().setUserDefinedWritability(1, true);
    ch.runPendingTasks();
    assertTrue(ch.config().isAutoRead(), "reading did not resume once the output drained");
    ch.finishAndReleaseAll();
  }

  /** Records the sequence numbers of the requests written, on the channel's event loop. */
  static final class Written extends ChannelOutboundHandlerAdapter {
    final List<Long> seqs = new ArrayList<>();

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
      if (msg instanceof Request r) {
        seqs.add(r.seq());
      }
      ctx.write(msg, promise);
    }
  }

  /** Tracks the calls written and not yet answered. */
  static final class InFlight extends ChannelDuplexHandler {
    final TreeSet<Long> open = new TreeSet<>();
    int max;

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
      if (msg instanceof Request r) {
        open.add(r.seq());
        max = Math.max(max, open.size());
      }
      ctx.write(msg, promise);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (msg instanceof Reply r) {
        open.remove(r.seq());
      }
      ctx.fireChannelRead(msg);
    }
  }
}
