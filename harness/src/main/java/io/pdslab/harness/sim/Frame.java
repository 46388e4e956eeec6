package io.pdslab.harness.sim;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * An opaque message: bytes the simulator carries without looking inside, labelled with a type for
 * the trace and the counters. It is the payload for nodes that speak bytes rather than Java
 * objects, e.g. a {@link NodeRuntime} that feeds a Netty pipeline and sends the frames it writes.
 * The simulator counts a frame as exactly its {@link #size()} bytes (unless a {@link
 * Simulation#messageSizer} says otherwise), names it by its {@link #type()}, and shows it in the
 * trace as its type, size and first bytes in hex, the same text in every run.
 *
 * <p>A frame is immutable: it keeps a copy of the bytes it was made from and hands out copies or
 * read-only views. A sender that can decode its bytes may give a {@link #withSummary summary} for
 * the trace instead of the hex.
 */
public final class Frame {
  /** Bytes shown in the trace; enough to recognise a header without bloating the trace. */
  private static final int SHOWN_BYTES = 32;

  private final String type;
  private final byte[] bytes;
  private final String summary;

  private Frame(String type, byte[] bytes, String summary) {
    if (type == null || type.isBlank()) {
      throw new IllegalArgumentException("a frame needs a type label, e.g. \"RpcRequest\"");
    }
    this.type = type;
    this.bytes = bytes;
    this.summary = summary;
  }

  /** A frame labelled {@code type} holding a copy of {@code bytes}. */
  public static Frame of(String type, byte[] bytes) {
    return new Frame(type, bytes.clone(), null);
  }

  /** A frame labelled {@code type} holding a copy of {@code buffer}'s remaining bytes. */
  public static Frame of(String type, ByteBuffer buffer) {
    byte[] copy = new byte[buffer.remaining()];
    buffer.duplicate().get(copy);
    return new Frame(type, copy, null);
  }

  /**
   * This frame with {@code summary} shown in the trace in place of its first bytes, e.g. the
   * messages it decodes to. The summary must be the same text in every run (no identity hashes); it
   * takes no part in {@link #equals}.
   */
  public Frame withSummary(String summary) {
    if (summary == null || summary.isBlank()) {
      throw new IllegalArgumentException("a frame's summary must not be blank");
    }
    return new Frame(type, bytes, summary);
  }

  /** The label under which the trace and {@link SimulationStats} show this frame. */
  public String type() {
    return type;
  }

  /** The number of bytes. */
  public int size() {
    return bytes.length;
  }

  /** A copy of the bytes. */
  public byte[] bytes() {
    return bytes.clone();
  }

  /** The bytes as a read-only buffer, without copying (e.g. for {@code Unpooled.wrappedBuffer}). */
  public ByteBuffer buffer() {
    return ByteBuffer.wrap(bytes).asReadOnlyBuffer();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Frame other && type.equals(other.type) && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Objects.hash(type, Arrays.hashCode(bytes));
  }

  /** {@code type[size B: hex...]} or {@code type[size B: summary]}: the text the trace shows. */
  @Override
  public String toString() {
    if (summary != null) {
      return type + "[" + bytes.length + " B: " + summary + "]";
    }
    String hex = HexFormat.of().formatHex(bytes, 0, Math.min(bytes.length, SHOWN_BYTES));
    return type
        + "["
        + bytes.length
        + " B: "
        + hex
        + (bytes.length > SHOWN_BYTES ? "..." : "")
        + "]";
  }
}
