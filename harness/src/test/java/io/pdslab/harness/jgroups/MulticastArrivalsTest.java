package io.pdslab.harness.jgroups;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jgroups.Address;
import org.jgroups.util.UUID;
import org.junit.jupiter.api.Test;

/** What a crash waits for: every stamped multicast of the crashed member dealt with here. */
class MulticastArrivalsTest {

  private final Address sender = new UUID(1, 2);
  private final MulticastArrivals arrivals = new MulticastArrivals();

  /**
   * The crash came before any of the sender's multicasts reached this member (a busy machine): they
   * are still on their way, not absent.
   */
  @Test
  void multicastsNotSeenYetAreStillAwaited() {
    assertFalse(arrivals.complete(sender, 3), "three multicasts on their way");
    for (int n = 1; n <= 3; n++) {
      arrivals.arrived(sender, new LinkStamp("r1", n));
    }
    assertTrue(arrivals.complete(sender, 3));
    assertTrue(arrivals.complete(sender, 0), "nothing sent, nothing to wait for");
  }

  /** A delayed multicast settles after a later one: the crash must still wait for it. */
  @Test
  void aDelayedMulticastIsStillAwaited() {
    arrivals.arrived(sender, new LinkStamp("r1", 1));
    arrivals.arrived(sender, new LinkStamp("r1", 3));
    assertFalse(arrivals.complete(sender, 3), "stamp 2 is still on its way");
    arrivals.arrived(sender, new LinkStamp("r1", 2));
    assertTrue(arrivals.complete(sender, 3));
  }

  /**
   * A member that joined when the sender had stamped four multicasts waits for the later ones only,
   * whether or not the earlier ones reached it.
   */
  @Test
  void aLateJoinerWaitsOnlyForWhatWasStampedAfterItJoined() {
    arrivals.expectAfter(sender, 4);
    arrivals.arrived(sender, new LinkStamp("r1", 4));
    assertTrue(arrivals.complete(sender, 4), "nothing stamped since it joined");
    arrivals.arrived(sender, new LinkStamp("r1", 6));
    assertFalse(arrivals.complete(sender, 6), "stamp 5 is still on its way");
    arrivals.arrived(sender, new LinkStamp("r1", 5));
    assertTrue(arrivals.complete(sender, 6));
  }
}
