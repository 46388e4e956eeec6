package io.pdslab.harness.jgroups;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.function.Supplier;
import org.jgroups.Header;
import org.jgroups.conf.ClassConfigurator;
import org.jgroups.util.Bits;

/**
 * What a {@link ChaosProtocol} writes on every message its member sends: the member's name, so that
 * the receiver decides the message's fate by the link it really came over (a protocol above can
 * rewrite a message's source, and a forged source must not dodge a cut), and, on each multicast
 * when tracking, a number (1, 2, ...), so that a receiver can count what has arrived from that
 * member and a {@linkplain ChaosNet#crash crash} can wait until the network has delivered (or
 * dropped) everything the crashed member sent.
 */
public final class LinkStamp extends Header {

  /** Where the stamp sits in a message; unique in the stack (part E's header uses 1414). */
  static final short PROTOCOL_ID = 1_413;

  private static final short MAGIC_ID = 1_413;

  private String sender;
  private long number;

  /** For JGroups' deserialisation only. */
  public LinkStamp() {}

  /**
   * @param sender the logical name of the member that sends the message
   * @param number the multicast's number, or 0 for a message that is not counted
   */
  LinkStamp(String sender, long number) {
    this.sender = sender;
    this.number = number;
  }

  /** Registers the header with JGroups (once per JVM) so that a receiver can read it. */
  static synchronized void register() {
    ClassConfigurator.addIfAbsent(MAGIC_ID, LinkStamp.class);
  }

  /** The name of the member that sent the message. */
  String sender() {
    return sender;
  }

  /** The sender's number for this multicast; 0 if it is not counted. */
  long number() {
    return number;
  }

  @Override
  public short getMagicId() {
    return MAGIC_ID;
  }

  @Override
  public Supplier<? extends Header> create() {
    return LinkStamp::new;
  }

  @Override
  public int serializedSize() {
    return Bits.size(sender) + Long.BYTES;
  }

  @Override
  public void writeTo(DataOutput out) throws IOException {
    Bits.writeString(sender, out);
    out.writeLong(number);
  }

  @Override
  public void readFrom(DataInput in) throws IOException {
    sender = Bits.readString(in);
    number = in.readLong();
  }

  @Override
  public String toString() {
    return "stamp " + sender + (number > 0 ? " #" + number : "");
  }
}
