package io.pdslab.labs.replication.given;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.function.Supplier;
import org.jgroups.Address;
import org.jgroups.Header;
import org.jgroups.conf.ClassConfigurator;
import org.jgroups.util.Util;

/**
 * The header of part E's total-order protocol ({@code FixedSequencer}): the wire format is given so
 * that the tests can play the coordinator or a member around your protocol.
 *
 * <ul>
 *   <li>{@link Type#FORWARD}: a member hands its multicast to the coordinator (a unicast whose
 *       payload is the application's message); {@code origin} and {@code localId} name it.
 *   <li>{@link Type#ORDERED}: the coordinator's multicast of that payload, stamped with the
 *       group-wide sequence number {@code seq}; {@code origin} and {@code localId} are kept, so
 *       that a message forwarded twice (to the old and then to the new coordinator) is recognised.
 *   <li>{@link Type#SYNC}: when the coordinator changes, a member unicasts to the new one the
 *       ordered messages it holds (as {@code ORDERED} copies), then this header-only message: "you
 *       have all I have".
 * </ul>
 *
 * <p>A protocol puts this header under {@link #protocolId()}, which also registers the header with
 * JGroups (so that a member can read it off the wire).
 */
public final class OrderHeader extends Header {

  private static final short PROTOCOL_ID = 1_414;
  private static final short MAGIC_ID = 1_414;

  static {
    ClassConfigurator.addIfAbsent(MAGIC_ID, OrderHeader.class);
  }

  /**
   * The id under which the protocol stores this header in a message (unique in the stack); a
   * protocol calls it before its first message, which registers the header with JGroups.
   */
  public static short protocolId() {
    return PROTOCOL_ID;
  }

  /** What a message carrying this header is. */
  public enum Type {
    /** A member's multicast on its way to the coordinator. */
    FORWARD,
    /** The coordinator's stamped multicast, to be delivered in {@code seq} order. */
    ORDERED,
    /** A member has sent the new coordinator every ordered message it holds. */
    SYNC
  }

  private Type type;
  private long seq;
  private Address origin;
  private long localId;

  /** For JGroups' deserialisation only. */
  public OrderHeader() {}

  private OrderHeader(Type type, long seq, Address origin, long localId) {
    this.type = type;
    this.seq = seq;
    this.origin = origin;
    this.localId = localId;
  }

  /** Member {@code origin}'s {@code localId}-th multicast, forwarded to the coordinator. */
  public static OrderHeader forward(Address origin, long localId) {
    return new OrderHeader(Type.FORWARD, 0, origin, localId);
  }

  /** The coordinator's multicast of {@code origin}'s {@code localId}-th, as number {@code seq}. */
  public static OrderHeader ordered(long seq, Address origin, long localId) {
    return new OrderHeader(Type.ORDERED, seq, origin, localId);
  }

  /** Member {@code origin}'s report to a new coordinator that it has sent all it holds. */
  public static OrderHeader sync(Address origin) {
    return new OrderHeader(Type.SYNC, 0, origin, 0);
  }

  /** Forward, ordered or sync. */
  public Type type() {
    return type;
  }

  /** The group-wide sequence number (ordered messages only; 0 in a forward). */
  public long seq() {
    return seq;
  }

  /** The member that multicast the message. */
  public Address origin() {
    return origin;
  }

  /** The origin's own number for the message: 1, 2, ... in the order it sent them. */
  public long localId() {
    return localId;
  }

  @Override
  public short getMagicId() {
    return MAGIC_ID;
  }

  @Override
  public Supplier<? extends Header> create() {
    return OrderHeader::new;
  }

  @Override
  public int serializedSize() {
    return Byte.BYTES + Long.BYTES + Util.size(origin) + Long.BYTES;
  }

  @Override
  public void writeTo(DataOutput out) throws IOException {
    out.writeByte(type.ordinal());
    out.writeLong(seq);
    Util.writeAddress(origin, out);
    out.writeLong(localId);
  }

  @Override
  public void readFrom(DataInput in) throws IOException, ClassNotFoundException {
    type = Type.values()[in.readByte()];
    seq = in.readLong();
    origin = Util.readAddress(in);
    localId = in.readLong();
  }

  @Override
  public String toString() {
    return switch (type) {
      case FORWARD -> "FORWARD " + origin + "#" + localId;
      case ORDERED -> "ORDERED seq=" + seq + " " + origin + "#" + localId;
      case SYNC -> "SYNC " + origin;
    };
  }
}
