package io.pdslab.harness.jgroups;

import org.jgroups.Event;
import org.jgroups.conf.ClassConfigurator;
import org.jgroups.protocols.SEQUENCER;

/**
 * JGroups' {@link SEQUENCER} made safe for a joiner that fetches its state with {@code
 * STATE_TRANSFER}: it forgets which broadcasts it delivered when the state transfer overwrites the
 * message digest.
 *
 * <p>A joiner starts delivering the coordinator's multicasts as soon as it is in the view, before
 * its state arrives. When the state comes, {@code STATE_TRANSFER} overwrites the joiner's digest
 * with the one the provider took together with the state, and {@code NAKACK2} resets its windows to
 * it: every multicast after that digest is retransmitted and delivered again, on top of the new
 * state. That is how JGroups keeps the multicasts delivered between the digest and {@code setState}
 * from being lost. But SEQUENCER (above {@code NAKACK2}) remembers each broadcast it delivered, by
 * original sender and seqno, and drops the re-delivered ones as duplicates: the joiner's
 * application never sees them again, and its state silently lacks them. Seen as a restarted replica
 * of the replication lab that misses a few commands (or applies a later retry of one of them that
 * the others ignored), a few seeds in forty under load.
 *
 * <p>The barrier is closed while the digest is overwritten, so no broadcast is being delivered when
 * the table is cleared. A broadcast delivered before the state and re-broadcast later (the new
 * coordinator re-sends forwarded messages) may then be delivered twice on the joiner: a state
 * machine's duplicate detection by (client, seq) makes that harmless, as it does everywhere.
 */
public final class StateTransferSequencer extends SEQUENCER {

  /**
   * A SEQUENCER under SEQUENCER's protocol id: JGroups finds a protocol's headers by its class's
   * registered id, and this subclass has none of its own (without it, state transfer times out).
   */
  public StateTransferSequencer() {
    setId(ClassConfigurator.getProtocolId(SEQUENCER.class));
  }

  @Override
  public Object down(Event evt) {
    if (evt.getType() == Event.OVERWRITE_DIGEST) {
      delivery_table.clear();
    }
    return super.down(evt);
  }
}
