package io.pdslab.labs.replication;

import io.pdslab.labs.replication.given.OrderHeader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import org.jgroups.Address;
import org.jgroups.BytesMessage;
import org.jgroups.Event;
import org.jgroups.Header;
import org.jgroups.Message;
import org.jgroups.View;
import org.jgroups.stack.Protocol;
import org.jgroups.util.MessageBatch;

/**
 * Part E (bonus): a total-order protocol with a fixed sequencer, in place of JGroups' {@code
 * SEQUENCER} (above GMS, which gives it views; NAKACK2 and UNICAST3 below make each link reliable
 * and FIFO).
 *
 * <ul>
 *   <li>A multicast sent down (no destination, neither {@code OOB} nor {@code NO_TOTAL_ORDER}) is
 *       numbered by its origin (1, 2, ...), kept until the origin delivers it, and forwarded to the
 *       coordinator (the view's first member) as an {@link OrderHeader.Type#FORWARD FORWARD}
 *       unicast; the coordinator handles its own directly.
 *   <li>The coordinator stamps each forward with the next group-wide number and multicasts it as
 *       {@link OrderHeader.Type#ORDERED ORDERED}.
 *   <li>Every member delivers ordered messages in number order, each as a copy whose source is the
 *       origin (never change the message NAKACK2 handed up: the coordinator's NAKACK2 keeps that
 *       object to retransmit it, and a retransmission must name the coordinator as its source): it
 *       buffers a message that arrives after a gap, drops a number it already has, and drops a
 *       second stamping of a message it delivered already (same origin and local number).
 *   <li>When the coordinator changes (or a member sees its first view), each member unicasts to the
 *       coordinator the numbered messages it holds (the last {@value #KEEP} delivered and those
 *       waiting for a gap), then a {@link OrderHeader.Type#SYNC SYNC}, then its undelivered
 *       multicasts again, in their order. The new coordinator numbers nothing until every other
 *       member of its view has synced (or left it); then it multicasts again every numbered message
 *       it holds (filling the others' gaps) and numbers on after the highest number any survivor
 *       had.
 * </ul>
 *
 * <p>What a coordinator crash keeps: the old coordinator sent its numbered multicasts through
 * NAKACK2, so each survivor received a prefix of them; the survivors' union is a prefix too, the
 * new coordinator collects it, and every survivor delivers it. So no number is given twice, no
 * survivor waits on a gap forever, and a multicast of a live member is neither lost (it is
 * forwarded until its origin delivers it) nor delivered twice. Limits: a survivor more than {@value
 * #KEEP} numbers behind another cannot be repaired; a multicast the old coordinator numbered that
 * reached no survivor is numbered again later (its origin forwards it again), after messages sent
 * after it. A member that joins adopts the number of the first ordered message it receives (the
 * state it received covers those before).
 */
public final class FixedSequencer extends Protocol {

  /** How many delivered numbered messages a member keeps, to repair others' gaps. */
  public static final int KEEP = 1024;

  // BEGIN SOLUTION
  /** Own multicasts not yet delivered here, by local number: re-forwarded to a new coordinator. */
  private final NavigableMap<Long, Message> pending = new ConcurrentSkipListMap<>();

  /** Guards the sending side: local numbers, the coordinator, re-forwarding in order. */
  private final Object sendLock = new Object();

  private long lastLocalId;
  private volatile Address coordinator;

  /** Guards the coordinator's side; taken inside {@link #sendLock}, never the other way. */
  private final Object stampLock = new Object();

  /** Whether this member is the coordinator, in the view this protocol last saw. */
  private boolean leading;

  /** Whether this member leads and has every survivor's numbered messages. */
  private boolean ready;

  private long lastStamped;
  private final List<Message> held = new ArrayList<>();
  private final Set<Address> awaitingSync = new HashSet<>();
  private final Set<Address> syncedEarly = new HashSet<>();

  /** Guards delivery: messages go up one at a time, in number order. */
  private final Object deliveryLock = new Object();

  /** The next number to deliver; 0 until this member knows it (a joiner's first message). */
  private long nextSeq;

  private boolean viewSeen;
  private volatile long highestSeen;

  /** Numbered messages: the last {@link #KEEP} delivered and those after a gap (by number). */
  private final NavigableMap<Long, Message> numbered = new ConcurrentSkipListMap<>();

  private final Map<Address, Long> lastDeliveredOf = new HashMap<>();

  private short[] idsAbove = {};

  // END SOLUTION

  /** A protocol instance for one channel's stack. */
  public FixedSequencer() {
    setId(OrderHeader.protocolId());
  }

  @Override
  public Object down(Message msg) {
    // BEGIN SOLUTION
    if (msg.getDest() != null
        || msg.isFlagSet(Message.Flag.OOB)
        || msg.isFlagSet(Message.Flag.NO_TOTAL_ORDER)) {
      return down_prot.down(msg);
    }
    synchronized (sendLock) {
      long localId = ++lastLocalId;
      pending.put(localId, msg);
      if (coordinator != null) {
        forward(localId, msg);
      }
    }
    return null;
    // END SOLUTION
    // STUB: throw new UnsupportedOperationException("TODO: FixedSequencer.down (part E)");
  }

  @Override
  public Object up(Event evt) {
    // BEGIN SOLUTION
    if (evt.getType() == Event.VIEW_CHANGE) {
      viewChanged(evt.getArg());
    }
    // END SOLUTION
    return up_prot.up(evt);
  }

  @Override
  public Object up(Message msg) {
    // BEGIN SOLUTION
    OrderHeader header = msg.getHeader(id);
    if (header == null) {
      return up_prot.up(msg);
    }
    switch (header.type()) {
      case FORWARD -> stampOrHold(msg);
      case ORDERED -> receiveOrdered(msg, header);
      case SYNC -> synced(header.origin());
    }
    return null;
    // END SOLUTION
    // STUB: throw new UnsupportedOperationException("TODO: FixedSequencer.up (part E)");
  }

  // BEGIN SOLUTION
  @Override
  public void start() throws Exception {
    super.start();
    idsAbove = getIdsAbove();
  }

  @Override
  public void up(MessageBatch batch) {
    for (Iterator<Message> it = batch.iterator(); it.hasNext(); ) {
      Message msg = it.next();
      if (msg.getHeader(id) != null) {
        it.remove();
        up(msg);
      }
    }
    if (!batch.isEmpty()) {
      up_prot.up(batch);
    }
  }

  /** Sends {@code msg} (this member's {@code localId}-th) to the coordinator, or stamps it. */
  private void forward(long localId, Message msg) {
    Message copy = copy(msg, OrderHeader.forward(local_addr, localId));
    if (local_addr.equals(coordinator)) {
      stampOrHold(copy);
    } else {
      down_prot.down(copy.setDest(coordinator));
    }
  }

  /** A ready coordinator numbers a forward and multicasts it; otherwise it is kept for later. */
  private void stampOrHold(Message forward) {
    synchronized (stampLock) {
      if (ready) {
        stamp(forward);
      } else {
        held.add(forward);
      }
    }
  }

  private void stamp(Message forward) {
    OrderHeader f = forward.getHeader(id);
    down_prot.down(copy(forward, OrderHeader.ordered(++lastStamped, f.origin(), f.localId())));
  }

  private void viewChanged(View v) {
    synchronized (deliveryLock) {
      if (!viewSeen && v.size() == 1) {
        nextSeq = 1; // the group's first member: nothing was numbered before
      }
      viewSeen = true;
    }
    synchronized (sendLock) {
      Address old = coordinator;
      coordinator = v.getCoord();
      boolean leads = coordinator.equals(local_addr);
      synchronized (stampLock) {
        leading = leads;
        awaitingSync.retainAll(v.getMembers()); // a member that left will never sync
        if (leading && !coordinator.equals(old)) {
          ready = false;
          awaitingSync.clear();
          v.getMembers().stream().filter(m -> !m.equals(local_addr)).forEach(awaitingSync::add);
          awaitingSync.removeAll(syncedEarly);
          syncedEarly.clear();
        }
        if (!leading) {
          ready = false;
        } else if (!ready && awaitingSync.isEmpty()) {
          takeOver();
        }
      }
      if (coordinator.equals(old)) {
        return;
      }
      if (!leads) { // even in a first view: a member that joined as the coordinator changed
        for (Message m : numbered.values()) {
          down_prot.down(copy(m, m.getHeader(id)).setDest(coordinator));
        }
        down_prot.down(new BytesMessage(coordinator).putHeader(id, OrderHeader.sync(local_addr)));
      }
      for (Map.Entry<Long, Message> e : pending.entrySet()) {
        forward(e.getKey(), e.getValue());
      }
    }
  }

  /** Member {@code from} has sent this (new) coordinator every numbered message it holds. */
  private void synced(Address from) {
    synchronized (stampLock) {
      if (!leading) {
        syncedEarly.add(from); // its view came before ours
        return;
      }
      awaitingSync.remove(from);
      if (!ready && awaitingSync.isEmpty()) {
        takeOver();
      }
    }
  }

  /**
   * Called under {@link #stampLock} by a coordinator whose survivors have all synced: multicasts
   * again what it holds, numbers on after the highest number seen, then numbers what it held.
   */
  private void takeOver() {
    for (Message m : numbered.values()) {
      down_prot.down(copy(m, m.getHeader(id)));
    }
    lastStamped = Math.max(lastStamped, highestSeen);
    ready = true;
    held.forEach(this::stamp);
    held.clear();
  }

  /**
   * A copy of {@code msg}'s payload, without destination or source, with {@code header} and the
   * headers of the protocols above (FRAG2's, for a fragment) but none of those below: a stale
   * NAKACK2 header on a unicast would make NAKACK2 take it for a multicast it has already had.
   */
  private Message copy(Message msg, OrderHeader header) {
    Message copy = msg.copy(true, false).setDest(null).setSrc(null).putHeader(id, header);
    for (short above : idsAbove) {
      // id 0 belongs to no header (protocols without headers, like the tests' own, have it)
      Header h = above == 0 ? null : msg.getHeader(above);
      if (h != null) {
        copy.putHeader(above, h);
      }
    }
    return copy;
  }

  private void receiveOrdered(Message msg, OrderHeader header) {
    synchronized (deliveryLock) {
      long seq = header.seq();
      if (nextSeq == 0) {
        nextSeq = seq; // a joiner: the state it received covers every earlier number
      }
      if (seq < nextSeq || numbered.containsKey(seq)) {
        return; // a duplicate
      }
      highestSeen = Math.max(highestSeen, seq);
      numbered.put(seq, msg);
      for (Message next = numbered.get(nextSeq); next != null; next = numbered.get(nextSeq)) {
        nextSeq++;
        deliver(next);
      }
      while (numbered.firstKey() < nextSeq - KEEP) {
        numbered.pollFirstEntry();
      }
    }
  }

  private void deliver(Message msg) {
    OrderHeader h = msg.getHeader(id);
    if (h.origin().equals(local_addr)) {
      pending.remove(h.localId());
    }
    Long last = lastDeliveredOf.get(h.origin());
    if (last != null && h.localId() <= last) {
      return; // stamped twice: by a coordinator that crashed, and again by its successor
    }
    lastDeliveredOf.put(h.origin(), h.localId());
    // A copy: the coordinator's NAKACK2 keeps this very message to retransmit it, and a
    // retransmission whose source is the origin would be filed under the origin's seqnos.
    up_prot.up(msg.copy(true, true).setSrc(h.origin()));
  }
  // END SOLUTION
}
