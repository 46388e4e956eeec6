package io.pdslab.labs.rpc.given;

/**
 * The wire format, in network byte order (big-endian), as {@code RpcCodec} must read and write it.
 *
 * <pre>
 * frame   := length:int32 body            length = bytes in body, 1..MAX_BODY_BYTES
 * body    := REQUEST clientId:int64 seq:int64 ack:int64 kind:int8 key:string value:string
 *          | REPLY   clientId:int64 seq:int64 value:string
 * string  := n:int32 bytes[n]                UTF-8, 0 &lt;= n, inside the body
 * </pre>
 *
 * <p>A frame whose length is out of range, whose type or kind is unknown, whose strings do not fit,
 * or that has bytes left over after its message is malformed: the decoder throws a {@code
 * io.netty.handler.codec.CorruptedFrameException} ({@code TooLongFrameException} for a length above
 * the maximum, as soon as the length field is read) and decodes nothing more on that connection.
 */
public final class Wire {
  /** Type byte of a {@link RpcMessage.Request}. */
  public static final byte REQUEST = 1;

  /** Type byte of a {@link RpcMessage.Reply}. */
  public static final byte REPLY = 2;

  /** Bytes of the length field. */
  public static final int LENGTH_FIELD_BYTES = 4;

  /** The largest body a frame may carry. */
  public static final int MAX_BODY_BYTES = 64 * 1024;

  private Wire() {}
}
