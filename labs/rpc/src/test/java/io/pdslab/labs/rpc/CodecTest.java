package io.pdslab.labs.rpc;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import io.pdslab.labs.rpc.given.CloseOnError;
import io.pdslab.labs.rpc.given.Op;
import io.pdslab.labs.rpc.given.RpcMessage;
import io.pdslab.labs.rpc.given.RpcMessage.Reply;
import io.pdslab.labs.rpc.given.RpcMessage.Request;
import io.pdslab.labs.rpc.given.Wire;
import io.pdslab.labs.rpc.testing.CodecChannel;
import io.pdslab.labs.rpc.testing.Frames;
import io.pdslab.labs.rpc.testing.LeakCheck;
import io.pdslab.labs.rpc.testing.Loopback;
import io.pdslab.labs.rpc.testing.Transport;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Part A: the codec on one {@code EmbeddedChannel}, checked against the tests' own encoder of the
 * wire format, under Netty's PARANOID leak detection and a counting allocator.
 */
@ExtendWith(LeakCheck.class)
@LeakCheck.Paranoid
class CodecTest {
  static final List<RpcMessage> MESSAGES =
      List.of(
          new Request(7, 1, 0, Op.put("k", "v")),
          new Request(7, 2, 1, Op.get("k")),
          new Reply(7, 2, "v"),
          new Request(-1, Long.MAX_VALUE, 41, Op.append("ключ", "värde ✓")),
          new Reply(3, 9, ""),
          new Request(3, 10, 9, Op.put("", "x".repeat(5000))));

  @Test
  void encodesTheWireFormat() {
    CodecChannel c = new CodecChannel();
    for (RpcMessage m : MESSAGES) {
      assertArrayEquals(Frames.of(m), c.encode(m), () -> "the bytes of " + m);
    }
    c.finish();
  }

  @Test
  void decodesCoalescedFrames() {
    CodecChannel c = new CodecChannel();
    c.read(Frames.concat(MESSAGES.stream().map(Frames::of).toArray(byte[][]::new)));
    assertEquals(MESSAGES, c.decoded());
    assertTrue(c.channel.isOpen());
    c.finish();
  }

  @Test
  void decodesFramesSplitAtEveryByte() {
    byte[] all = Frames.concat(MESSAGES.stream().map(Frames::of).toArray(byte[][]::new));
    // One byte per read, then every two-piece split.
    CodecChannel bytewise = new CodecChannel();
    for (byte b : all) {
      bytewise.read(new byte[] {b});
    }
    assertEquals(MESSAGES, bytewise.decoded());
    bytewise.finish();
    List<RpcMessage> firstTwo = MESSAGES.subList(0, 3);
    byte[] small = Frames.concat(firstTwo.stream().map(Frames::of).toArray(byte[][]::new));
    for (int cut = 0; cut <= small.length; cut++) {
      CodecChannel c = new CodecChannel();
      c.read(Arrays.copyOfRange(small, 0, cut));
      c.read(Arrays.copyOfRange(small, cut, small.length));
      assertEquals(firstTwo, c.decoded(), "split at byte " + cut);
      c.finish();
    }
  }

  @Test
  void oversizedFrameClosesAtOnce() {
    CodecChannel c = new CodecChannel();
    // Only the length field: the decoder must not wait for 64 KiB + 1 bytes that may never come.
    c.read(Frames.int32(Wire.MAX_BODY_BYTES + 1));
    assertClosedWith(c, TooLongFrameException.class);
    c.finish();
  }

  @Test
  void largestFrameIsAccepted() {
    CodecChannel c = new CodecChannel();
    int overhead = Frames.body(new Reply(1, 1, "")).length;
    Reply big = new Reply(1, 1, "y".repeat(Wire.MAX_BODY_BYTES - overhead));
    assertEquals(Wire.MAX_BODY_BYTES + 4, Frames.of(big).length);
    c.read(Frames.of(big));
    assertEquals(List.of(big), c.decoded());
    // The limit holds both ways: a sender that refuses the largest legal frame loses valid calls.
    assertArrayEquals(
        Frames.of(big), c.encode(big), "the largest legal frame must be sent, not refused");
    c.finish();
  }

  @Test
  void malformedFramesClose() {
    byte[] good = Frames.body(new Request(1, 1, 0, Op.put("k", "v")));
    byte[] unknownType = good.clone();
    unknownType[0] = 9;
    byte[] unknownKind = good.clone();
    unknownKind[25] = 7;
    byte[] keyTooLong = good.clone();
    keyTooLong[29] = 100; // the key's length field says 100 bytes
    byte[] negativeLength = good.clone();
    negativeLength[26] = (byte) 0x80;
    byte[] trailing = Frames.concat(good, new byte[] {0});
    byte[] truncated = Arrays.copyOf(good, 20);
    // Length 1 is in range: its body is malformed (no message fits), not too long.
    byte[] typeOnly = Arrays.copyOf(good, 1);
    for (byte[] bad :
        List.of(
            unknownType, unknownKind, keyTooLong, negativeLength, trailing, truncated, typeOnly)) {
      CodecChannel c = new CodecChannel();
      // The bad frame, then a good one in the same read: nothing after the bad frame is decoded.
      c.read(Frames.concat(Frames.frame(bad), Frames.frame(good)));
      assertClosedWith(c, CorruptedFrameException.class);
      c.finish();
    }
  }

  @Test
  void zeroLengthFrameCloses() {
    CodecChannel c = new CodecChannel();
    c.read(Frames.concat(Frames.int32(0), Frames.of(new Reply(1, 1, "x"))));
    assertClosedWith(c, CorruptedFrameException.class);
    c.finish();
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void noLeakOverRealChannels(Transport transport) throws Exception {
    AtomicInteger replies = new AtomicInteger();
    try (Loopback net =
        new Loopback(
            transport,
            ch -> ch.pipeline().addLast(new RpcCodec(), new Echo(), new CloseOnError()))) {
      Channel client =
          net.connect(
              ch ->
                  ch.pipeline()
                      .addLast(
                          new RpcCodec(),
                          new SimpleChannelInboundHandler<Reply>() {
                            @Override
                            protected void channelRead0(ChannelHandlerContext ctx, Reply r) {
                              replies.incrementAndGet();
                            }
                          },
                          new CloseOnError()));
      for (int i = 1; i <= 300; i++) {
        client
            .write(new Request(1, i, i - 1, Op.append("k", "v".repeat(i))))
            .addListener(ChannelFutureListener.FIRE_EXCEPTION_ON_FAILURE);
        if (i % 7 == 0) {
          client.flush();
        }
      }
      client.flush();
      // An encoding error closes the client (CloseOnError): stop waiting then.
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> replies.get() == 300 || !client.isActive());
      assertEquals(300, replies.get(), "replies received");
    }
    LeakCheck.assertReleased();
  }

  /** Answers every request with a reply carrying its value. */
  private static final class Echo extends SimpleChannelInboundHandler<Request> {
    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Request r) {
      ctx.writeAndFlush(new Reply(r.clientId(), r.seq(), r.op().value()));
    }
  }

  private static void assertClosedWith(CodecChannel c, Class<? extends Throwable> type) {
    assertEquals(List.of(), c.decoded(), "nothing may be decoded from or after a bad frame");
    assertFalse(c.channel.isOpen(), "the connection must close");
    Throwable error = c.errors.firstError();
    assertInstanceOf(type, error, "the error that closed the connection");
    assertFalse(String.valueOf(error.getMessage()).isBlank(), "the error must say what was wrong");
    assertEquals(1, c.errors.errors(), "one bad frame, one error: " + error);
    c.channel.checkException(); // nothing escaped the pipeline
  }
}
