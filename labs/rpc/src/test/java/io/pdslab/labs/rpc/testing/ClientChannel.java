package io.pdslab.labs.rpc.testing;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.pdslab.labs.rpc.RpcClient;
import io.pdslab.labs.rpc.given.ClientConfig;
import io.pdslab.labs.rpc.given.Pipelines;
import io.pdslab.labs.rpc.given.RpcMessage;
import io.pdslab.labs.rpc.given.RpcMessage.Request;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * The client's pipeline in one {@link EmbeddedChannel} with frozen time: the test plays the server,
 * reading requests with the tests' decoder and writing replies as frames.
 */
public final class ClientChannel {
  public final EmbeddedChannel channel = new EmbeddedChannel();
  public final RpcClient client;
  private long now;

  public ClientChannel(ClientConfig config, long seed) {
    channel.config().setAllocator(LeakCheck.allocator());
    channel.freezeTime();
    client = new RpcClient(1, config, new Random(seed));
    Pipelines.client(channel, client, null);
  }

  /** Milliseconds since the start. */
  public long now() {
    return now;
  }

  /** Moves virtual time forward by 1 ms steps, running what comes due. */
  public void advance(long ms) {
    for (long i = 0; i < ms; i++) {
      channel.advanceTimeBy(1, TimeUnit.MILLISECONDS);
      now++;
      channel.runPendingTasks();
    }
  }

  /** The requests written since the last call, decoded by the tests' own decoder. */
  public List<Request> sent() {
    List<Request> out = new ArrayList<>();
    for (Object o; (o = channel.readOutbound()) != null; ) {
      ByteBuf buf = (ByteBuf) o;
      try {
        out.addAll(Frames.requests(buf));
      } finally {
        buf.release();
      }
    }
    return out;
  }

  /** Delivers {@code reply} to the client as a frame. */
  public void reply(RpcMessage reply) {
    channel.writeInbound(LeakCheck.allocator().buffer().writeBytes(Frames.of(reply)));
    channel.runPendingTasks();
  }

  /** Whether any timer is still scheduled on the channel. */
  public boolean hasTimers() {
    return channel.runScheduledPendingTasks() != -1;
  }
}
