package io.pdslab.labs.rpc;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.WriteBufferWaterMark;
import io.pdslab.labs.rpc.given.ChaosHandler;
import io.pdslab.labs.rpc.given.ClientConfig;
import io.pdslab.labs.rpc.given.KvStore;
import io.pdslab.labs.rpc.given.Op;
import io.pdslab.labs.rpc.given.Pipelines;
import io.pdslab.labs.rpc.given.RpcMessage.Reply;
import io.pdslab.labs.rpc.given.RpcMessage.Request;
import io.pdslab.labs.rpc.testing.Frames;
import io.pdslab.labs.rpc.testing.LeakCheck;
import io.pdslab.labs.rpc.testing.Loopback;
import io.pdslab.labs.rpc.testing.Transport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Part D over a real TCP connection on 127.0.0.1: a client that stops reading (a slow consumer)
 * while it has hundreds of 4 KiB replies coming. The server must stop reading requests ({@code
 * autoRead}) once its output passes the high-water mark, so that its outbound buffer stays bounded,
 * and resume once the client reads again. Seeded chaos duplicates and delays the client's requests;
 * waits use Awaitility, nothing is timed.
 */
@ExtendWith(LeakCheck.class)
class BackpressureTest {
  static final int LOW_WATER = 8 * 1024;
  static final int HIGH_WATER = 32 * 1024;

  /** The most the server reads from the socket at once: it sees a few requests per read. */
  static final int READ_BYTES = 512;

  static final String VALUE = "v".repeat(4096);
  static final int CALLS = 400;

  /** Long deadline and backoff: calls wait while the client does not read, that is the test. */
  static final ClientConfig CONFIG = new ClientConfig(120_000, 5_000, 10_000, CALLS);

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void slowConsumerOverTcp(long seed) throws Exception {
    slowConsumer(seed, p -> {});
  }

  /**
   * The test, with {@code serverBug} changing each server pipeline after it is set up (tests of the
   * tests).
   */
  static void slowConsumer(long seed, Consumer<ChannelPipeline> serverBug) throws Exception {
    KvStore store = new KvStore();
    store.execute(0, 1, Op.put("k", VALUE));
    KvServer server = new KvServer(store);
    List<PendingBytes> spies = new ArrayList<>();
    try (Loopback net =
        new Loopback(
            Transport.NIO,
            ch -> {
              Pipelines.server(ch, server, null);
              serverBug.accept(ch.pipeline());
              PendingBytes spy = new PendingBytes();
              synchronized (spies) {
                spies.add(spy);
              }
              ch.pipeline().addFirst("spy", spy);
            },
            b ->
                b.childOption(
                        ChannelOption.WRITE_BUFFER_WATER_MARK,
                        new WriteBufferWaterMark(LOW_WATER, HIGH_WATER))
                    .childOption(ChannelOption.SO_SNDBUF, 8 * 1024)
                    .childOption(
                        ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(READ_BYTES))
                    .childOption(ChannelOption.MAX_MESSAGES_PER_READ, 1))) {
      RpcClient client = new RpcClient(1, CONFIG, new Random(seed));
      Channel ch =
          net.connect(
              c -> Pipelines.client(c, client, new ChaosHandler(seed, 0, 0.2, 0.2, 5)),
              b -> b.option(ChannelOption.SO_RCVBUF, 8 * 1024));
      ch.config().setAutoRead(false); // the slow consumer: replies pile up on the server
      List<CompletableFuture<String>> calls = new ArrayList<>();
      for (int i = 0; i < CALLS; i++) {
        calls.add(client.call(Op.get("k")));
      }
      // Past the mark by at most the replies to what one read held, decoded before the pause.
      int replyBytes = Frames.of(new Reply(1, 1, VALUE)).length;
      int requestBytes = Frames.of(new Request(1, 1, 0, Op.get("k"))).length;
      long bound = HIGH_WATER + (long) (READ_BYTES / requestBytes + 1) * replyBytes;
      await().atMost(Duration.ofSeconds(60)).until(() -> spies.size() == 1);
      PendingBytes spy = spies.get(0);
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> spy.pausedReading() || spy.maxPending > bound || spy.closed());
      assertBounded(spy, bound);
      ch.config().setAutoRead(true); // the consumer catches up
      for (CompletableFuture<String> call : calls) {
        assertEquals(VALUE, call.get(60, TimeUnit.SECONDS), "a reply to get(k)");
      }
      await().atMost(Duration.ofSeconds(30)).until(spy::readingAgain);
      assertBounded(spy, bound);
    }
  }

  private static void assertBounded(PendingBytes spy, long bound) {
    assertTrue(
        spy.maxPending <= bound,
        "the server's outbound buffer held "
            + spy.maxPending
            + " bytes; with a high-water mark of "
            + HIGH_WATER
            + " it may pass the mark only by the replies to one read ("
            + (bound - HIGH_WATER)
            + " bytes): stop reading (autoRead) while the channel is not writable");
  }

  /**
   * First in the server's pipeline (nearest the socket): the largest number of bytes waiting in the
   * outbound buffer after any write; and the channel, to see reading paused and resumed.
   */
  static final class PendingBytes extends ChannelOutboundHandlerAdapter {
    volatile long maxPending;
    private volatile boolean pausedReading;
    private volatile Channel channel;

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
      channel = ctx.channel();
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
      ctx.write(msg, promise);
      ChannelOutboundBuffer out = ctx.channel().unsafe().outboundBuffer();
      if (out != null) {
        maxPending = Math.max(maxPending, out.totalPendingWriteBytes());
      }
    }

    /** Polled by the test: whether the server has stopped reading (remembered once seen). */
    boolean pausedReading() {
      if (channel != null && !channel.config().isAutoRead()) {
        pausedReading = true;
      }
      return pausedReading;
    }

    /** Whether the server closed the connection (e.g. on an exception): no point waiting on. */
    boolean closed() {
      return channel != null && !channel.isActive();
    }

    boolean readingAgain() {
      return pausedReading && channel.config().isAutoRead();
    }
  }
}
