package io.pdslab.harness.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.pdslab.harness.sim.Latency;
import io.pdslab.harness.sim.Simulation;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class NettySimTest {

  /** Echoes every byte buffer it reads, 10 ms later (a scheduled task in virtual time). */
  static final class DelayedEcho extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      ctx.executor().schedule(() -> ctx.writeAndFlush(msg), 10, TimeUnit.MILLISECONDS);
    }
  }

  /** Records what it reads, with the virtual time, as text. */
  static final class Recorder extends ChannelInboundHandlerAdapter {
    final List<String> got = new ArrayList<>();
    private final Simulation sim;

    Recorder(Simulation sim) {
      this.sim = sim;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      ByteBuf buf = (ByteBuf) msg;
      got.add(sim.now() + ":" + buf.toString(StandardCharsets.UTF_8));
      buf.release();
    }
  }

  private static List<String> run(long seed, List<String> got) {
    Simulation sim = new Simulation(seed);
    sim.network().latency(Latency.constant(5));
    NettySim.node(sim, "s", ch -> ch.pipeline().addLast(new DelayedEcho()));
    Recorder recorder = new Recorder(sim);
    NettyEndpoint client = NettySim.node(sim, "c", ch -> ch.pipeline().addLast(recorder));
    sim.runFor(Duration.ZERO);
    client.execute(
        () ->
            client
                .connect("s")
                .writeAndFlush(
                    client
                        .connect("s")
                        .alloc()
                        .buffer()
                        .writeBytes("hi".getBytes(StandardCharsets.UTF_8))));
    sim.runFor(Duration.ofMillis(100));
    got.addAll(recorder.got);
    client.closeAll();
    return sim.traceLines();
  }

  @Test
  void bytesTravelAndTasksRunInVirtualTime() {
    List<String> got = new ArrayList<>();
    run(1, got);
    // 5 ms there, 10 ms scheduled echo, 5 ms back.
    assertEquals(List.of("20:hi"), got);
  }

  @Test
  void sameSeedSameTrace() {
    assertEquals(run(3, new ArrayList<>()), run(3, new ArrayList<>()));
  }

  @Test
  void closingTellsThePeer() {
    Simulation sim = new Simulation(1);
    NettyEndpoint server = NettySim.node(sim, "s", ch -> {});
    NettyEndpoint client = NettySim.node(sim, "c", ch -> {});
    sim.runFor(Duration.ZERO);
    client.execute(
        () -> client.connect("s").writeAndFlush(client.connect("s").alloc().buffer().writeByte(1)));
    sim.runFor(Duration.ofMillis(10));
    assertTrue(server.channel("c").isOpen());
    server.execute(() -> server.channel("c").close());
    sim.runFor(Duration.ofMillis(10));
    assertEquals(null, client.channel("s"), "the client's side closed too");
    assertFalse(sim.traceLines().stream().noneMatch(l -> l.contains(NettyEndpoint.CLOSE_TYPE)));
  }
}
