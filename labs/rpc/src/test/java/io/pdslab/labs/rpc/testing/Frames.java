package io.pdslab.labs.rpc.testing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.pdslab.labs.rpc.given.RpcMessage;
import io.pdslab.labs.rpc.given.RpcMessage.Reply;
import io.pdslab.labs.rpc.given.RpcMessage.Request;
import io.pdslab.labs.rpc.given.Wire;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The tests' own encoder of the {@link Wire} format, written from its specification with plain
 * {@code java.io}, so codec tests never check the codec against itself.
 */
public final class Frames {
  private Frames() {}

  /** The frame of {@code msg}: length field and body. */
  public static byte[] of(RpcMessage msg) {
    return frame(body(msg));
  }

  /** A frame around {@code body} with its correct length field. */
  public static byte[] frame(byte[] body) {
    return concat(int32(body.length), body);
  }

  /** The body of {@code msg}. */
  public static byte[] body(RpcMessage msg) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      DataOutputStream out = new DataOutputStream(bytes);
      if (msg instanceof Request r) {
        out.writeByte(Wire.REQUEST);
        out.writeLong(r.clientId());
        out.writeLong(r.seq());
        out.writeLong(r.ack());
        out.writeByte(r.op().kind().code());
        string(out, r.op().key());
        string(out, r.op().value());
      } else if (msg instanceof Reply r) {
        out.writeByte(Wire.REPLY);
        out.writeLong(r.clientId());
        out.writeLong(r.seq());
        string(out, r.value());
      }
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A big-endian int32. */
  public static byte[] int32(int v) {
    return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
  }

  /** The arrays one after the other. */
  public static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  /** {@code bytes} in an unpooled buffer. */
  public static ByteBuf buf(byte[] bytes) {
    return Unpooled.wrappedBuffer(bytes);
  }

  /** The requests in {@code buf} (whole frames), read without the codec under test. */
  public static java.util.List<Request> requests(ByteBuf buf) {
    java.util.List<Request> out = new java.util.ArrayList<>();
    while (buf.isReadable()) {
      int length = buf.readInt();
      ByteBuf body = buf.readSlice(length);
      if (body.readByte() != Wire.REQUEST) {
        throw new AssertionError("the client wrote a frame that is not a request");
      }
      long clientId = body.readLong();
      long seq = body.readLong();
      long ack = body.readLong();
      io.pdslab.labs.rpc.given.Op.Kind kind =
          io.pdslab.labs.rpc.given.Op.Kind.ofCode(body.readByte());
      String key = readString(body);
      String value = readString(body);
      out.add(new Request(clientId, seq, ack, new io.pdslab.labs.rpc.given.Op(kind, key, value)));
    }
    return out;
  }

  private static String readString(ByteBuf in) {
    return in.readCharSequence(in.readInt(), StandardCharsets.UTF_8).toString();
  }

  private static void string(DataOutputStream out, String s) throws IOException {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }
}
