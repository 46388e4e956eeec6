package io.pdslab.harness.jgroups;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jgroups.Address;
import org.jgroups.Event;
import org.jgroups.Message;
import org.jgroups.View;
import org.jgroups.ViewId;
import org.jgroups.stack.Protocol;
import org.jgroups.util.MessageBatch;

/**
 * One JGroups protocol under test between a test-owned protocol above (which records every message
 * that reaches it) and one below (which records every message sent down), with no channel, no
 * transport and no thread of its own: the test plays the network and the layers around, so the
 * order of everything the protocol sees is the test's.
 *
 * <pre>{@code
 * try (ProtocolSandwich<MyProtocol> s = new ProtocolSandwich<>(new MyProtocol(), self)) {
 *   s.view(coordinator, self);
 *   s.fromBelow(message);             // as if the transport received it
 *   s.fromAbove(other);               // as if the application sent it
 *   assertEquals(1, s.delivered().size());
 *   assertEquals(1, s.sent().size());
 * }
 * }</pre>
 *
 * @param <P> the protocol's type
 */
public final class ProtocolSandwich<P extends Protocol> implements AutoCloseable {

  private final P protocol;
  private final Recorder above = new Recorder();
  private final Recorder below = new Recorder();
  private long viewId;

  /**
   * Wires {@code protocol} between the recorders and starts it.
   *
   * @param self this member's address, or null for a protocol that does not need one
   */
  public ProtocolSandwich(P protocol, Address self) throws Exception {
    this.protocol = protocol;
    above.setDownProtocol(protocol);
    below.setUpProtocol(protocol);
    protocol.setUpProtocol(above);
    protocol.setDownProtocol(below);
    protocol.setAddress(self);
    protocol.init();
    protocol.start();
  }

  /** The protocol under test. */
  public P protocol() {
    return protocol;
  }

  /**
   * Installs the next view of {@code members} (the first is the coordinator), as GMS below would: a
   * {@code VIEW_CHANGE} event passed up through the protocol.
   */
  public View view(Address... members) {
    View v = new View(new ViewId(members[0], ++viewId), Arrays.asList(members));
    protocol.up(new Event(Event.VIEW_CHANGE, v));
    return v;
  }

  /** Hands {@code msg} to the protocol as if the layer below received it. */
  public Object fromBelow(Message msg) {
    return protocol.up(msg);
  }

  /** Hands {@code batch} to the protocol as if the layer below received it. */
  public void fromBelow(MessageBatch batch) {
    protocol.up(batch);
  }

  /** Hands {@code msg} to the protocol as if the layer above sent it. */
  public Object fromAbove(Message msg) {
    return protocol.down(msg);
  }

  /** Every message that reached the layer above, in order. */
  public List<Message> delivered() {
    return above.messages();
  }

  /** Every message the protocol sent down, in order. */
  public List<Message> sent() {
    return below.messages();
  }

  /** The messages sent down since the last call, in order; forgets them. */
  public List<Message> takeSent() {
    return below.take();
  }

  /**
   * Waits until {@code n} messages have reached the layer above, for a protocol that delivers on a
   * thread of its own; whether they did within {@code atMost}.
   */
  public boolean awaitDelivered(int n, Duration atMost) throws InterruptedException {
    return above.await(n, atMost);
  }

  /** Stops the protocol. */
  @Override
  public void close() {
    protocol.stop();
    protocol.destroy();
  }

  /** Records the messages that reach it from the protocol; passes events on to nobody. */
  private static final class Recorder extends Protocol {
    private final List<Message> messages = new ArrayList<>();

    @Override
    public Object up(Message msg) {
      record(msg);
      return null;
    }

    @Override
    public void up(MessageBatch batch) {
      batch.forEach(this::record);
    }

    @Override
    public Object up(Event evt) {
      return null;
    }

    @Override
    public Object down(Message msg) {
      record(msg);
      return null;
    }

    @Override
    public Object down(Event evt) {
      return null;
    }

    private synchronized void record(Message msg) {
      messages.add(msg);
      notifyAll();
    }

    synchronized List<Message> messages() {
      return List.copyOf(messages);
    }

    synchronized List<Message> take() {
      List<Message> out = List.copyOf(messages);
      messages.clear();
      return out;
    }

    synchronized boolean await(int n, Duration atMost) throws InterruptedException {
      long deadline = System.nanoTime() + atMost.toNanos();
      while (messages.size() < n) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(this, left);
      }
      return true;
    }
  }
}
