package io.pdslab.harness.junit;

import io.pdslab.harness.sim.Latency;
import io.pdslab.harness.sim.PingNodes;
import io.pdslab.harness.sim.Simulation;
import java.time.Duration;

/** Deliberately failing simulated tests, run by {@link SimulationExtensionTest}. */
@ExamplesOnly
class LossyPingExample {

  /** Fails on every seed, at a seed-dependent time: a lossy network does lose messages. */
  @SimulationTest
  void noMessageIsLost(Simulation sim) {
    PingNodes.start(sim, 3);
    sim.network().latency(Latency.uniform(5, 25)).dropRate(0.05);
    sim.invariant(
        "no message loss",
        () -> sim.stats().messagesDropped() > 0 ? "a message was dropped" : null);
    sim.runFor(Duration.ofSeconds(5));
  }

  /** Passes: records what seed it got. */
  @SimulationTest(seed = 99)
  void fixedSeed(Simulation sim, long seed) {
    if (sim.seed() != seed || seed != 99) {
      throw new AssertionError("seed " + seed + " but simulation " + sim.seed());
    }
  }
}
