package io.pdslab.labs.rpc.testing;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import io.pdslab.labs.rpc.RpcCodec;
import io.pdslab.labs.rpc.given.CloseOnError;
import java.util.ArrayList;
import java.util.List;

/** An {@link EmbeddedChannel} holding the student's codec and the given error handler. */
public final class CodecChannel {
  public final EmbeddedChannel channel;
  public final CloseOnError errors = new CloseOnError();

  /** A channel with {@code extra} handlers (e.g. a planted bug) before the codec. */
  public CodecChannel(ChannelHandler... extra) {
    channel = new EmbeddedChannel();
    channel.config().setAllocator(LeakCheck.allocator());
    channel.pipeline().addLast(extra);
    channel.pipeline().addLast(new RpcCodec(), errors);
  }

  /** Feeds {@code bytes} in as one read, in a buffer of the counting allocator. */
  public void read(byte[] bytes) {
    ByteBuf buf = LeakCheck.allocator().buffer(bytes.length).writeBytes(bytes);
    channel.writeInbound(buf);
  }

  /** Everything decoded so far. */
  public List<Object> decoded() {
    List<Object> out = new ArrayList<>();
    for (Object m; (m = channel.readInbound()) != null; ) {
      out.add(m);
    }
    return out;
  }

  /** Encodes {@code msg} and returns the bytes written. */
  public byte[] encode(Object msg) {
    channel.writeOutbound(msg);
    ByteBuf out = channel.readOutbound();
    try {
      byte[] bytes = new byte[out.readableBytes()];
      out.readBytes(bytes);
      return bytes;
    } finally {
      out.release();
    }
  }

  /** Closes the channel, releases what it holds, and fails if a buffer leaked. */
  public void finish() {
    channel.finishAndReleaseAll();
    LeakCheck.assertReleased();
  }
}
