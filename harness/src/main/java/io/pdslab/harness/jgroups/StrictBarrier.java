package io.pdslab.harness.jgroups;

import org.jgroups.Message;
import org.jgroups.protocols.BARRIER;
import org.jgroups.protocols.TpHeader;
import org.jgroups.protocols.pbcast.NakAckHeader2;
import org.jgroups.util.MessageBatch;

/**
 * JGroups' {@link BARRIER} with its two gaps closed, so that no multicast reaches the application
 * while a state transfer holds the barrier closed.
 *
 * <p>{@code STATE_TRANSFER} closes the barrier on the joiner while it overwrites the message digest
 * and calls {@code setState}, and on the provider while it takes the digest. A multicast delivered
 * in that window is lost to the joiner: the application applies it, then {@code setState} replaces
 * the whole state with a snapshot that may not contain it, and the new digest says it was
 * delivered. In JGroups 5.5.7 (and master as of 2026) two paths let such a multicast through:
 *
 * <ul>
 *   <li>{@code up(MessageBatch)} tests {@code batch.dest() != null && oob ||
 *       holes.contains(sender)}: by operator precedence, a <em>multicast</em> batch from a member
 *       with a punched hole (the state provider, on the joiner) passes the closed barrier. The
 *       single-message path scopes holes to unicasts, as intended.
 *   <li>both paths check {@code barrier_closed} <em>before</em> registering the thread as in
 *       flight: a barrier closed between the check and the registration finds no thread in flight
 *       and returns, and the message is delivered behind it.
 * </ul>
 *
 * <p>Here a thread registers first and checks second (the closer sets the flag first and waits for
 * registered threads second, so one of the two always sees the other), and multicasts never use a
 * hole. Seen as lost updates in the replication lab's {@code updatesRacingWithJoins}, a few seeds
 * in thirty under load.
 *
 * <p>A multicast retransmitted to one member (NAKACK2's {@code XMIT_RSP}) travels as a unicast from
 * the original sender, which on a joiner is the state provider with its hole punched: it is a
 * multicast all the same and waits for the barrier like one. (The other way round a multicast got
 * above the barrier, NAKACK2's "become server" queue, is closed by {@link StrictNakack}.)
 */
public final class StrictBarrier extends BARRIER {

  @Override
  public Object up(Message msg) {
    if (msg.isFlagSet(Message.Flag.SKIP_BARRIER)
        || msg.getDest() != null
            && !isMulticastCopy(msg)
            && (msg.isFlagSet(Message.Flag.OOB) || holes.contains(msg.getSrc()))) {
      return up_prot.up(msg);
    }
    Thread current = Thread.currentThread();
    in_flight_threads.put(current, NULL);
    try {
      if (barrier_closed.get()) {
        (msg.getDest() == null ? mcast_queue : ucast_queue).put(msg.getSrc(), msg);
        return null; // delivered again (or retransmitted) when the barrier opens
      }
      return up_prot.up(msg);
    } finally {
      unblock(current);
    }
  }

  @Override
  public void up(MessageBatch batch) {
    if (batch.dest() != null
        && (batch.mode() == MessageBatch.Mode.OOB || holes.contains(batch.sender()))
        && batch.stream().noneMatch(StrictBarrier::isMulticastCopy)) {
      up_prot.up(batch);
      return;
    }
    Thread current = Thread.currentThread();
    in_flight_threads.put(current, NULL);
    try {
      if (barrier_closed.get()) {
        // As BARRIER does: keep the last message, with the header the transport needs to re-deliver
        // it; the rest is retransmitted.
        Message last = batch.last().putHeader(transport.getId(), new TpHeader(batch.clusterName()));
        (batch.dest() == null ? mcast_queue : ucast_queue).put(batch.sender(), last);
        return;
      }
      up_prot.up(batch);
    } finally {
      unblock(current);
    }
  }

  /** Whether {@code msg} is a multicast retransmitted to this member alone. */
  private static boolean isMulticastCopy(Message msg) {
    return msg.getHeader(StrictNakack.NAKACK2_ID) instanceof NakAckHeader2 h
        && h.getType() == NakAckHeader2.XMIT_RSP;
  }
}
