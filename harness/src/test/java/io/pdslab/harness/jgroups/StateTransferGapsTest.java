package io.pdslab.harness.jgroups;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.jgroups.Address;
import org.jgroups.BytesMessage;
import org.jgroups.Event;
import org.jgroups.JChannel;
import org.jgroups.Message;
import org.jgroups.protocols.SHARED_LOOPBACK;
import org.jgroups.protocols.SHARED_LOOPBACK_PING;
import org.jgroups.protocols.UNICAST3;
import org.jgroups.protocols.pbcast.GMS;
import org.jgroups.protocols.pbcast.NakAckHeader2;
import org.jgroups.protocols.pbcast.STABLE;
import org.jgroups.stack.Protocol;
import org.jgroups.util.Digest;
import org.jgroups.util.MessageBatch;
import org.jgroups.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The two ways a multicast used to get past a closed state-transfer barrier, each closed: a
 * retransmission from the state provider ({@link StrictBarrier}) and NAKACK2's "become server"
 * queue, handed up on a thread pool at any time ({@link StrictNakack}).
 */
class StateTransferGapsTest {

  private final Address provider = new UUID(7, 7);

  @Test
  void aRetransmittedMulticastWaitsForTheBarrierEvenFromAHole() throws Exception {
    StrictBarrier barrier = new StrictBarrier();
    Counter above = new Counter();
    try (JChannel ch = channel(barrier, above, new StrictNakack())) {
      ch.connect("gaps-" + System.nanoTime());
      barrier.down(new Event(Event.PUNCH_HOLE, provider));
      barrier.closeBarrier();
      barrier.up(new BytesMessage(ch.getAddress()).setSrc(provider));
      assertEquals(1, above.count.get(), "a plain unicast from the hole's member passes");
      Message retransmission =
          new BytesMessage(ch.getAddress())
              .setSrc(provider)
              .putHeader(StrictNakack.NAKACK2_ID, NakAckHeader2.createXmitResponseHeader());
      barrier.up(retransmission);
      assertEquals(
          1,
          above.count.get(),
          "a retransmitted multicast passed the closed barrier through a hole");
      barrier.openBarrier();
      Awaitility.await("the held retransmission, once the barrier opens")
          .until(() -> above.count.get() == 2);
    }
  }

  /**
   * A joiner receives the coordinator's new view before its JOIN returns: kept, and handed up on
   * the thread that makes it a server, before the JOIN returns and so before any state transfer can
   * close the barrier. Dropped, it would leave a gap only the coordinator could fill.
   */
  @Test
  void aMulticastBeforeTheJoinReturnsIsHandedUpWhenTheJoinerBecomesAServer() throws Exception {
    StrictNakack nakack = new StrictNakack();
    Counter above = new Counter();
    try (JChannel ch = channel(new StrictBarrier(), nakack, above)) {
      nakack.setAddress(new UUID(8, 8));
      // Not connected: not a server yet, as a joiner before its JOIN returns.
      nakack.up(
          new BytesMessage(null)
              .setSrc(provider)
              .putHeader(StrictNakack.NAKACK2_ID, NakAckHeader2.createMessageHeader(1)));
      assertEquals(1, nakack.getBecomeServerQueueSizeActual(), "kept until it is a server");
      nakack.down(new Event(Event.SET_DIGEST, new Digest(provider, 0, 0)));
      nakack.down(new Event(Event.BECOME_SERVER));
      assertEquals(1, above.count.get(), "handed up before BECOME_SERVER returned");
      assertEquals(0, nakack.getBecomeServerQueueSizeActual());
    }
  }

  /** A channel on shared loopback with {@code middle} between discovery and UNICAST3. */
  private static JChannel channel(Protocol... middle) throws Exception {
    List<Protocol> stack = new ArrayList<>();
    stack.add(new SHARED_LOOPBACK().setBindAddress(InetAddress.getLoopbackAddress()));
    stack.add(new SHARED_LOOPBACK_PING());
    stack.addAll(List.of(middle));
    stack.add(new UNICAST3());
    stack.add(new STABLE());
    stack.add(new GMS().printLocalAddress(false));
    return new JChannel(stack).name("gaps");
  }

  /** Counts the messages that pass it on their way up. */
  private static final class Counter extends Protocol {
    final AtomicInteger count = new AtomicInteger();

    @Override
    public Object up(Message msg) {
      count.incrementAndGet();
      return up_prot.up(msg);
    }

    @Override
    public void up(MessageBatch batch) {
      count.addAndGet(batch.size());
      up_prot.up(batch);
    }
  }
}
