package io.pdslab.harness.jgroups;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
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
import org.jgroups.util.MessageBatch;
import org.jgroups.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The two ways a multicast used to get past a closed state-transfer barrier, each closed: a
 * retransmission from the state provider ({@link StrictBarrier}) and NAKACK2's "become server"
 * queue ({@link StrictNakack}).
 */
class StateTransferGapsTest {

  private final Address provider = new UUID(7, 7);

  @Test
  void aRetransmittedMulticastWaitsForTheBarrierEvenFromAHole() throws Exception {
    StrictBarrier barrier = new StrictBarrier();
    Counter above = new Counter();
    try (JChannel ch = channel(barrier, above)) {
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

  @Test
  void aMulticastBeforeTheJoinReturnsIsNotKeptForLater() throws Exception {
    StrictNakack nakack = new StrictNakack();
    try (JChannel ch = channel(new StrictBarrier(), new Counter(), nakack)) {
      // Not connected: not a server yet, as a joiner before its JOIN returns.
      nakack.up(
          new BytesMessage(null)
              .setSrc(provider)
              .putHeader(StrictNakack.NAKACK2_ID, NakAckHeader2.createMessageHeader(1)));
      assertEquals(
          0,
          nakack.getBecomeServerQueueSizeActual(),
          "a multicast kept for delivery after BECOME_SERVER would be handed up above the barrier");
    }
  }

  private static JChannel channel(Protocol barrier, Protocol above, Protocol... nakack)
      throws Exception {
    return new JChannel(
            new SHARED_LOOPBACK().setBindAddress(InetAddress.getLoopbackAddress()),
            new SHARED_LOOPBACK_PING(),
            barrier,
            above,
            nakack.length > 0 ? nakack[0] : new StrictNakack(),
            new UNICAST3(),
            new STABLE(),
            new GMS().printLocalAddress(false))
        .name("gaps");
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
