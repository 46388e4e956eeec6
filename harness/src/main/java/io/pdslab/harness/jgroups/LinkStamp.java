package io.pdslab.harness.jgroups;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.function.Supplier;
import org.jgroups.Header;
import org.jgroups.conf.ClassConfigurator;

/**
 * The number a {@link ChaosProtocol} gives each multicast its member sends (1, 2, ...), so that a
 * receiver can count what has arrived from that member and a {@linkplain ChaosNet#crash crash} can
 * wait until the network has delivered (or dropped) everything the crashed member sent.
 */
public final class LinkStamp extends Header {

  /** Where the stamp sits in a message; unique in the stack (part E's header uses 1414). */
  static final short PROTOCOL_ID = 1_413;

  private static final short MAGIC_ID = 1_413;

  private long number;

  /** For JGroups' deserialisation only. */
  public LinkStamp() {}

  LinkStamp(long number) {
    this.number = number;
  }

  /** Registers the header with JGroups (once per JVM) so that a receiver can read it. */
  static synchronized void register() {
    ClassConfigurator.addIfAbsent(MAGIC_ID, LinkStamp.class);
  }

  /** The sender's number for this multicast. */
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
    return Long.BYTES;
  }

  @Override
  public void writeTo(DataOutput out) throws IOException {
    out.writeLong(number);
  }

  @Override
  public void readFrom(DataInput in) throws IOException {
    number = in.readLong();
  }

  @Override
  public String toString() {
    return "stamp " + number;
  }
}
