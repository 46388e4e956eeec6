package io.pdslab.bench.rpc;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.pdslab.labs.rpc.RpcCodec;
import io.pdslab.labs.rpc.given.Op;
import io.pdslab.labs.rpc.given.RpcMessage;
import io.pdslab.labs.rpc.given.RpcMessage.Reply;
import io.pdslab.labs.rpc.given.RpcMessage.Request;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The reference codec in an {@code EmbeddedChannel} with Netty's pooled allocator: nanoseconds per
 * frame encoded ({@code encode}) and decoded from one read of {@value #BATCH} frames ({@code
 * decode}), a request with a 16-byte key and value. Allocation per frame: run with {@code -prof gc}
 * ({@code gc.alloc.rate.norm}, in bytes per operation, that is per frame). The channel's pipeline
 * is part of what is measured, as in a server.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class CodecBench {
  static final int BATCH = 64;
  static final RpcMessage REQUEST =
      new Request(7, 1000, 999, Op.put("key-0123456789ab", "value-0123456789"));
  static final RpcMessage REPLY = new Reply(7, 1000, "value-0123456789");

  private EmbeddedChannel encoder;
  private EmbeddedChannel decoder;
  private ByteBuf frames;

  @Setup(Level.Trial)
  public void setUp() {
    encoder = new EmbeddedChannel(new RpcCodec());
    encoder.config().setAllocator(PooledByteBufAllocator.DEFAULT);
    decoder = new EmbeddedChannel(new RpcCodec());
    decoder.config().setAllocator(PooledByteBufAllocator.DEFAULT);
    frames = PooledByteBufAllocator.DEFAULT.directBuffer();
    for (int i = 0; i < BATCH; i++) {
      encoder.writeOutbound(REQUEST);
      ByteBuf one = encoder.readOutbound();
      frames.writeBytes(one);
      one.release();
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    frames.release();
    encoder.finishAndReleaseAll();
    decoder.finishAndReleaseAll();
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void encode(Blackhole bh) {
    for (int i = 0; i < BATCH; i++) {
      encoder.writeOneOutbound(i % 2 == 0 ? REQUEST : REPLY);
    }
    encoder.flushOutbound();
    for (Object o; (o = encoder.readOutbound()) != null; ) {
      ByteBuf b = (ByteBuf) o;
      bh.consume(b.readableBytes());
      b.release();
    }
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void decode(Blackhole bh) {
    decoder.writeInbound(frames.retainedDuplicate());
    for (Object o; (o = decoder.readInbound()) != null; ) {
      bh.consume(o);
    }
  }
}
