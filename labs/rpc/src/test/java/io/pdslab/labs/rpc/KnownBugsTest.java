// HANDOUT: OMIT
package io.pdslab.labs.rpc;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.SimpleChannelInboundHandler;
import io.pdslab.harness.junit.SimulationTest;
import io.pdslab.harness.netty.BlockingCall;
import io.pdslab.harness.netty.EventLoopGuard;
import io.pdslab.harness.sim.Simulation;
import io.pdslab.labs.rpc.given.KvStore;
import io.pdslab.labs.rpc.given.RpcMessage.Reply;
import io.pdslab.labs.rpc.given.RpcMessage.Request;
import io.pdslab.labs.rpc.testing.CodecChannel;
import io.pdslab.labs.rpc.testing.LeakCheck;
import io.pdslab.labs.rpc.testing.RpcSim;
import io.pdslab.labs.rpc.testing.Transport;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Tests of the tests: each classic RPC bug, planted around the reference by a small handler in the
 * pipeline, must be caught on every seed by the graded check of its part. Grader-only.
 */
@ExtendWith(LeakCheck.class)
class KnownBugsTest {

  /** A server that executes every request it receives: retries and duplicates run again. */
  @SimulationTest
  void serverWithoutDeduplication(Simulation sim) {
    RpcSim rpc = new RpcSim(sim, 3, AtMostOnceTest.CONFIG);
    rpc.serverBug = p -> p.replace("app", "app", new NaiveServer(rpc.store));
    AssertionError e =
        assertThrows(
            AssertionError.class, () -> AtMostOnceTest.runAndCheck(rpc, 60, 1), "not caught");
    assertTrue(e.getMessage().contains("more than once"), e.getMessage());
  }

  /** A client that gives every attempt a fresh number: the server cannot see retries. */
  @SimulationTest
  void retriesWithoutRequestId(Simulation sim) {
    RpcSim rpc = new RpcSim(sim, 3, AtMostOnceTest.CONFIG);
    rpc.clientBug = p -> p.addBefore("app", "bug", new FreshIdPerAttempt());
    AssertionError e =
        assertThrows(
            AssertionError.class, () -> AtMostOnceTest.runAndCheck(rpc, 60, 1), "not caught");
    assertTrue(
        e.getMessage().contains("not linearizable") || e.getMessage().contains("violat"),
        e.getMessage());
  }

  /** Replies never forgotten (the acknowledgements ignored): the cache grows with every call. */
  @SimulationTest
  void unboundedReplyCache(Simulation sim) {
    RpcSim rpc = new RpcSim(sim, 3, AtMostOnceTest.CONFIG);
    rpc.clientBug = p -> p.addBefore("app", "bug", new NoAcks());
    Throwable e = assertThrows(Throwable.class, () -> AtMostOnceTest.checkBoundedCache(rpc));
    assertTrue(e.getMessage().contains("bounded reply cache"), e.getMessage());
  }

  /** A decoder that keeps a reference to the bytes it read: a buffer leak. */
  @Test
  void leakingDecoder() {
    CodecChannel c = new CodecChannel(new RetainInput());
    c.read(io.pdslab.labs.rpc.testing.Frames.of(new Reply(1, 1, "x")));
    AssertionError e = assertThrows(AssertionError.class, c::finish);
    assertTrue(e.getMessage().contains("leak"), e.getMessage());
  }

  /**
   * A server that executes each request synchronously with a short sleep (a "slow store"): the
   * event loop stalls. The part E check must name {@code Thread.sleep} with its stack.
   */
  @Test
  void blockingHandler() throws Exception {
    EventLoopGuard.arm();
    try {
      EventLoopTest.runWorkload(Transport.LOCAL, 3, p -> p.addBefore("app", "bug", new Sleepy()));
    } catch (AssertionError | RuntimeException tolerated) {
      // The refused sleeps may also fail calls; what matters is that the guard saw them.
    }
    List<BlockingCall> found = EventLoopGuard.disarm();
    assertFalse(found.isEmpty(), "a handler sleeping on the event loop was not caught");
    assertTrue(found.get(0).method().contains("sleep"), found.get(0).toString());
    assertTrue(
        Arrays.stream(found.get(0).stack().getStackTrace())
            .anyMatch(f -> f.getClassName().equals(Sleepy.class.getName())),
        "the stack names the sleeping handler");
  }

  /** A server that keeps reading while its output is full: its outbound buffer grows unbounded. */
  @Test
  void serverKeepsReadingWhenBehind() {
    AssertionError e =
        assertThrows(
            AssertionError.class,
            () ->
                BackpressureTest.slowConsumer(1, p -> p.addBefore("app", "bug", new AlwaysRead())));
    assertTrue(e.getMessage().contains("outbound buffer held"), e.getMessage());
  }

  /** Turns reading back on after every batch of reads, whatever the server decided. */
  static final class AlwaysRead extends ChannelInboundHandlerAdapter {
    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
      ctx.fireChannelReadComplete();
      ctx.channel().config().setAutoRead(true);
    }
  }

  /** Sleeps a millisecond before passing each request on. */
  static final class Sleepy extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws InterruptedException {
      Thread.sleep(1);
      ctx.fireChannelRead(msg);
    }
  }

  /** Executes every request; replies at once. */
  static final class NaiveServer extends SimpleChannelInboundHandler<Request> {
    private final KvStore store;

    NaiveServer(KvStore store) {
      this.store = store;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Request r) {
      ctx.writeAndFlush(
          new Reply(r.clientId(), r.seq(), store.execute(r.clientId(), r.seq(), r.op())));
    }
  }

  /** Renumbers every request written and maps the replies back. */
  static final class FreshIdPerAttempt extends ChannelDuplexHandler {
    private final Map<Long, Long> original = new HashMap<>();
    private long next = 1;

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
      if (msg instanceof Request r) {
        long fresh = next++;
        original.put(fresh, r.seq());
        msg = new Request(r.clientId(), fresh, 0, r.op());
      }
      ctx.write(msg, promise);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (msg instanceof Reply r && original.containsKey(r.seq())) {
        msg = new Reply(r.clientId(), original.get(r.seq()), r.value());
      }
      ctx.fireChannelRead(msg);
    }
  }

  /** Sends every request with {@code ack = 0}. */
  static final class NoAcks extends ChannelDuplexHandler {
    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
      if (msg instanceof Request r) {
        msg = new Request(r.clientId(), r.seq(), 0, r.op());
      }
      ctx.write(msg, promise);
    }
  }

  /** Keeps an extra reference to every buffer read, as a decoder holding a retained slice does. */
  static final class RetainInput extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (msg instanceof ByteBuf buf) {
        buf.retain();
      }
      ctx.fireChannelRead(msg);
    }
  }
}
