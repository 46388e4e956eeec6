package io.pdslab.labs.rpc;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageCodec;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import io.pdslab.labs.rpc.given.Op;
import io.pdslab.labs.rpc.given.RpcMessage;
import io.pdslab.labs.rpc.given.RpcMessage.Reply;
import io.pdslab.labs.rpc.given.RpcMessage.Request;
import io.pdslab.labs.rpc.given.Wire;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Part A: frames {@link RpcMessage}s on a byte stream as {@link Wire} describes. Bytes may arrive
 * split anywhere or many frames at once; a malformed frame throws (see {@link Wire}) and nothing
 * more is decoded on that connection. Never leak a buffer.
 */
public final class RpcCodec extends ByteToMessageCodec<RpcMessage> {
  // BEGIN SOLUTION
  private boolean failed;

  // END SOLUTION

  @Override
  protected void encode(ChannelHandlerContext ctx, RpcMessage msg, ByteBuf out) {
    // BEGIN SOLUTION
    int lengthAt = out.writerIndex();
    out.writeInt(0); // patched below, once the body's size is known
    if (msg instanceof Request r) {
      out.writeByte(Wire.REQUEST);
      out.writeLong(r.clientId()).writeLong(r.seq()).writeLong(r.ack());
      out.writeByte(r.op().kind().code());
      writeString(out, r.op().key());
      writeString(out, r.op().value());
    } else if (msg instanceof Reply r) {
      out.writeByte(Wire.REPLY);
      out.writeLong(r.clientId()).writeLong(r.seq());
      writeString(out, r.value());
    }
    int body = out.writerIndex() - lengthAt - Wire.LENGTH_FIELD_BYTES;
    if (body > Wire.MAX_BODY_BYTES) {
      out.writerIndex(lengthAt);
      throw new TooLongFrameException("message of " + body + " bytes is too long to send");
    }
    out.setInt(lengthAt, body);
    // END SOLUTION
    // STUB: throw new UnsupportedOperationException("TODO: encode");
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    // BEGIN SOLUTION
    if (failed) {
      in.skipBytes(in.readableBytes());
      return;
    }
    while (in.readableBytes() >= Wire.LENGTH_FIELD_BYTES) {
      int length = in.getInt(in.readerIndex());
      if (length < 1 || length > Wire.MAX_BODY_BYTES) {
        fail(in);
        String what = "frame length " + length + " outside 1.." + Wire.MAX_BODY_BYTES;
        throw length > 0 ? new TooLongFrameException(what) : new CorruptedFrameException(what);
      }
      if (in.readableBytes() < Wire.LENGTH_FIELD_BYTES + length) {
        return;
      }
      in.skipBytes(Wire.LENGTH_FIELD_BYTES);
      // A read-only view of this frame: reading past its end fails instead of eating the next.
      ByteBuf body = in.slice(in.readerIndex(), length);
      in.skipBytes(length);
      try {
        out.add(decodeBody(body));
      } catch (RuntimeException e) {
        fail(in);
        throw e instanceof CorruptedFrameException
            ? e
            : new CorruptedFrameException("malformed frame: " + e.getMessage(), e);
      }
    }
    // END SOLUTION
    // STUB: throw new UnsupportedOperationException("TODO: decode");
  }

  // BEGIN SOLUTION

  private void fail(ByteBuf in) {
    failed = true;
    in.skipBytes(in.readableBytes());
  }

  private static RpcMessage decodeBody(ByteBuf body) {
    byte type = body.readByte();
    RpcMessage msg;
    if (type == Wire.REQUEST) {
      long clientId = body.readLong();
      long seq = body.readLong();
      long ack = body.readLong();
      int code = body.readByte();
      Op.Kind kind = Op.Kind.ofCode(code);
      if (kind == null) {
        throw new CorruptedFrameException("unknown operation kind " + code);
      }
      String key = readString(body);
      String value = readString(body);
      msg = new Request(clientId, seq, ack, new Op(kind, key, value));
    } else if (type == Wire.REPLY) {
      msg = new Reply(body.readLong(), body.readLong(), readString(body));
    } else {
      throw new CorruptedFrameException("unknown message type " + type);
    }
    if (body.isReadable()) {
      throw new CorruptedFrameException(body.readableBytes() + " bytes left after " + msg);
    }
    return msg;
  }

  private static void writeString(ByteBuf out, String s) {
    int at = out.writerIndex();
    out.writeInt(0);
    int n = out.writeCharSequence(s, StandardCharsets.UTF_8);
    out.setInt(at, n);
  }

  private static String readString(ByteBuf in) {
    int n = in.readInt();
    if (n < 0 || n > in.readableBytes()) {
      throw new CorruptedFrameException(
          "string of " + n + " bytes, " + in.readableBytes() + " left in the frame");
    }
    return in.readCharSequence(n, StandardCharsets.UTF_8).toString();
  }
  // END SOLUTION
}
