package io.pdslab.bench.rpc;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * The floor: one 32-byte buffer echoed back and forth over the transport, one round trip at a time,
 * no codec and no RPC layer. Its median is what any call on that transport costs at least.
 */
final class PingPong {
  private static final int PAYLOAD_BYTES = 32;

  private PingPong() {}

  /**
   * Round-trip times in nanoseconds of {@code count} pings after {@code warmup} unrecorded ones.
   */
  static Histogram run(Transports.Kind kind, int warmup, int count) throws Exception {
    Histogram rtt = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
    CompletableFuture<Void> done = new CompletableFuture<>();
    Pinger pinger = new Pinger(warmup, count, rtt, done);
    try (Transports t = new Transports(kind, ch -> ch.pipeline().addLast(new Echo()), ch -> {})) {
      t.client.pipeline().addLast(pinger);
      t.client.eventLoop().execute(() -> pinger.ping(t.client.pipeline().context(pinger)));
      done.get(5, TimeUnit.MINUTES);
    }
    return rtt;
  }

  /** Writes back what it reads. */
  private static final class Echo extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      ctx.writeAndFlush(msg);
    }
  }

  /** Sends a ping, waits for all its bytes to come back, records the time, sends the next. */
  private static final class Pinger extends ChannelInboundHandlerAdapter {
    private final int warmup;
    private final int count;
    private final Histogram rtt;
    private final CompletableFuture<Void> done;
    private int sent;
    private int received;
    private long sentAt;

    Pinger(int warmup, int count, Histogram rtt, CompletableFuture<Void> done) {
      this.warmup = warmup;
      this.count = count;
      this.rtt = rtt;
      this.done = done;
    }

    void ping(ChannelHandlerContext ctx) {
      sent++;
      received = 0;
      sentAt = System.nanoTime();
      ctx.writeAndFlush(ctx.alloc().buffer(PAYLOAD_BYTES).writeZero(PAYLOAD_BYTES));
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      ByteBuf buf = (ByteBuf) msg;
      received += buf.readableBytes();
      buf.release();
      if (received < PAYLOAD_BYTES) {
        return; // TCP may split the echo
      }
      long now = System.nanoTime();
      if (sent > warmup) {
        rtt.recordValue(now - sentAt);
      }
      if (sent < warmup + count) {
        ping(ctx);
      } else {
        done.complete(null);
      }
    }
  }
}
