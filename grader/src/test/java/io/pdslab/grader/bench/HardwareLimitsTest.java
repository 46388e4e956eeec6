package io.pdslab.grader.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A run whose hand-off limit moved between rounds says so. */
class HardwareLimitsTest {
  @Test
  void aLimitThatMovedSevenfoldIsAWarningAndOneThatWobbledIsNot() {
    // Session 18's official run: 244.5, 241.7, 242.5 and 35.5 ns.
    Optional<String> moved = HardwareLimits.driftWarning(List.of(244.5, 241.7, 242.5, 35.5));
    assertTrue(moved.orElseThrow().contains("moved 6.9×"), moved::toString);
    assertEquals(Optional.empty(), HardwareLimits.driftWarning(List.of(98.0, 120.0, 150.0)));
    assertEquals(Optional.empty(), HardwareLimits.driftWarning(List.of(35.5)), "one round");
  }
}
