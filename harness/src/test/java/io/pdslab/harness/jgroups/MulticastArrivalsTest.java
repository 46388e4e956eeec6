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
   * The first multicast this member sees from a sender is delayed and the next one settles first:
   * the crash must still wait for the delayed one.
   */
  @Test
  void aDelayedFirstMulticastIsStillAwaited() {
    arrivals.entered(sender, new LinkStamp("r1", 5));
    arrivals.entered(sender, new LinkStamp("r1", 6));
    arrivals.arrived(sender, new LinkStamp("r1", 6));
    assertFalse(arrivals.complete(sender, 6), "stamp 5 is still on its way");
    arrivals.arrived(sender, new LinkStamp("r1", 5));
    assertTrue(arrivals.complete(sender, 6));
  }
}
