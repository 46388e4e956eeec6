package io.pdslab.harness.cluster.pekko;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.Config;
import io.pdslab.harness.cluster.ClusterNodeMain;
import org.junit.jupiter.api.Test;

/** The Pekko settings every cluster-mode member runs with. */
class MemberTest {

  /**
   * Pekko ends a downed member's JVM with -1 (255), the code of a crash; the driver must be able to
   * tell a node its peers removed from a node that failed.
   */
  @Test
  void aDownedMemberExitsWithTheRemovedByPeersCode() {
    Config config = Member.config(String.class, "127.0.0.1", 25520, "127.0.0.1:25520", true);
    assertEquals(
        ClusterNodeMain.REMOVED_BY_PEERS,
        config.getInt(
            "pekko.coordinated-shutdown.reason-overrides"
                + ".\"org.apache.pekko.actor.CoordinatedShutdown$ClusterDowningReason$\".exit-code"));
  }
}
