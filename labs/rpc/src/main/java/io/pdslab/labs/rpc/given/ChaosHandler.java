package io.pdslab.labs.rpc.given;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.util.ReferenceCountUtil;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Seeded faults on the messages a pipeline writes: each {@link RpcMessage} is dropped, duplicated
 * or delayed (which reorders it behind later ones) with the given probabilities. Sits between the
 * codec and the application handler, so it acts on whole messages. Every decision comes from one
 * {@link Random} seeded at construction; in real time the timing of delays is not reproducible, the
 * decisions are.
 */
public final class ChaosHandler extends ChannelDuplexHandler {
  private final Random random;
  private final double drop;
  private final double duplicate;
  private final double delay;
  private final long maxDelayMs;

  /**
   * @param seed seeds every decision
   * @param drop probability that a message is dropped
   * @param duplicate probability that a message is written twice
   * @param delay probability that a message is held back for up to {@code maxDelayMs}
   * @param maxDelayMs the longest delay
   */
  public ChaosHandler(long seed, double drop, double duplicate, double delay, long maxDelayMs) {
    this.random = new Random(seed);
    this.drop = drop;
    this.duplicate = duplicate;
    this.delay = delay;
    this.maxDelayMs = maxDelayMs;
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    if (!(msg instanceof RpcMessage)) {
      ctx.write(msg, promise);
      return;
    }
    // Four draws per message whatever the settings, so one message's fate never shifts another's.
    double dropDraw = random.nextDouble();
    double dupDraw = random.nextDouble();
    double delayDraw = random.nextDouble();
    long delayMs = 1 + (long) (random.nextDouble() * maxDelayMs);
    if (dropDraw < drop) {
      ReferenceCountUtil.release(msg);
      promise.setSuccess();
      return;
    }
    if (dupDraw < duplicate) {
      ctx.write(msg); // messages are immutable records: the same one can be written twice
    }
    if (delayDraw < delay) {
      promise.setSuccess();
      ctx.executor().schedule(() -> ctx.writeAndFlush(msg), delayMs, TimeUnit.MILLISECONDS);
      return;
    }
    ctx.write(msg, promise);
  }
}
