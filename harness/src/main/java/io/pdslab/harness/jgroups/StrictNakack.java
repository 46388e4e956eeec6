package io.pdslab.harness.jgroups;

import org.jgroups.Message;
import org.jgroups.conf.ClassConfigurator;
import org.jgroups.protocols.pbcast.NAKACK2;

/**
 * JGroups' {@link NAKACK2} without its "become server" queue, so that no multicast reaches the
 * application behind a closed {@link StrictBarrier}.
 *
 * <p>A joiner receives multicasts before its JOIN returns. NAKACK2 keeps them and, once the member
 * is a server, hands each to a task on the transport's thread pool that calls {@code NAKACK2.up}
 * directly, above the barrier. On a loaded machine such a task can run while {@code STATE_TRANSFER}
 * holds the joiner's barrier closed, after it has overwritten the digest and before the
 * application's {@code setState}: the multicast is applied to the state about to be replaced, and
 * the new digest says it was delivered, so the joiner never has it (seen once as one lost append in
 * the replication lab's {@code updatesRacingWithJoins} at load ~40).
 *
 * <p>Here such a multicast is dropped. Its sender still has it (the joiner is in the view, so
 * STABLE cannot purge it) and retransmits it once a later multicast, its last-seqno announcement or
 * a stability digest shows the joiner the gap. JGroups queued these only to spare those
 * retransmissions (JGRP-1509).
 *
 * <p>Wire-compatible with NAKACK2: it takes NAKACK2's protocol id, so its headers are NAKACK2's and
 * a member running plain NAKACK2 reads them.
 */
public final class StrictNakack extends NAKACK2 {

  /** NAKACK2's protocol id: the id under which its headers travel. */
  static final short NAKACK2_ID = ClassConfigurator.getProtocolId(NAKACK2.class);

  /** A NAKACK2 that drops the multicasts it receives before it is a server. */
  public StrictNakack() {
    setId(NAKACK2_ID);
  }

  @Override
  protected void queueMessage(Message msg, long seqno) {
    log.trace(
        "%s: dropped %s#%d (not yet server; retransmitted later)", local_addr, msg.src(), seqno);
  }
}
