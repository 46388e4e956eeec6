package io.pdslab.harness.jgroups;

import org.jgroups.Message;
import org.jgroups.conf.ClassConfigurator;
import org.jgroups.protocols.pbcast.NAKACK2;

/**
 * JGroups' {@link NAKACK2} whose "become server" queue is handed up at once, on the thread that
 * makes the member a server, so that no multicast reaches the application behind a closed {@link
 * StrictBarrier}.
 *
 * <p>A joiner receives multicasts before its JOIN returns (the coordinator's new view, at least).
 * NAKACK2 keeps them and, once the member is a server, hands each to a task on the transport's
 * thread pool that calls {@code NAKACK2.up} directly, above the barrier. On a loaded machine such a
 * task can run while {@code STATE_TRANSFER} holds the joiner's barrier closed, after it has
 * overwritten the digest and before the application's {@code setState}: the multicast is applied to
 * the state about to be replaced, and the new digest says it was delivered, so the joiner never has
 * it (seen once as one lost append in the replication lab's {@code updatesRacingWithJoins} at load
 * ~40). Here they are handed up before the JOIN returns, so before any state transfer starts.
 *
 * <p>Dropping them instead, relying on retransmission, leaves the joiner a gap that only their
 * sender can fill: if the sender crashes first, the joiner never delivers another multicast of it
 * (seen as a survivor that delivered none of a crashed member's last multicasts).
 *
 * <p>Wire-compatible with NAKACK2: it takes NAKACK2's protocol id, so its headers are NAKACK2's and
 * a member running plain NAKACK2 reads them.
 */
public final class StrictNakack extends NAKACK2 {

  /** NAKACK2's protocol id: the id under which its headers travel. */
  static final short NAKACK2_ID = ClassConfigurator.getProtocolId(NAKACK2.class);

  /** A NAKACK2 that delivers what it received before it was a server when it becomes one. */
  public StrictNakack() {
    setId(NAKACK2_ID);
  }

  @Override
  protected void flushBecomeServerQueue() {
    for (Message msg = become_server_queue.poll(); msg != null; msg = become_server_queue.poll()) {
      up(msg);
    }
  }
}
