package io.pdslab.harness.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Servers' ports on loopback: below the ephemeral range, free, and distinct. */
class LoopbackPortsTest {

  @Test
  void blocksAreFreeDistinctAndBelowTheEphemeralRange() throws Exception {
    LoopbackPorts ports = LoopbackPorts.belowEphemeralRange();
    int ephemeralLow = LoopbackPorts.ephemeralLow();
    assertTrue(ephemeralLow > 6_024, "ephemeral range read as starting at " + ephemeralLow);
    Set<Integer> taken = new HashSet<>();
    for (int i = 0; i < 20; i++) {
      int first = ports.consecutive(3, taken);
      for (int k = 0; k < 3; k++) {
        assertTrue(first + k >= 1_024 && first + k < ephemeralLow, first + " " + ephemeralLow);
        assertTrue(taken.add(first + k), "port " + (first + k) + " given twice");
        try (ServerSocket s = new ServerSocket(first + k, 1, InetAddress.getLoopbackAddress())) {
          assertEquals(first + k, s.getLocalPort());
        }
      }
    }
  }

  @Test
  void aPortInUseIsNotGiven() throws Exception {
    LoopbackPorts ports = LoopbackPorts.belowEphemeralRange();
    int first = ports.consecutive(1, Set.of());
    try (ServerSocket held = new ServerSocket(first, 1, InetAddress.getLoopbackAddress())) {
      for (int i = 0; i < 200; i++) {
        assertFalse(ports.consecutive(1, Set.of()) == first, "gave a port in use");
      }
    }
  }
}
