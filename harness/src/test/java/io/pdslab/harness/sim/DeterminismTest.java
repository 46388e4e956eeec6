package io.pdslab.harness.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeterminismTest {

  /** A run exercising every source of randomness and every fault. */
  static Simulation chaoticRun(long seed) {
    Simulation sim = new Simulation(seed);
    sim.nodes(3, PingNode::create);
    sim.network()
        .latency(Latency.uniform(5, 25))
        .dropRate(0.1)
        .duplicateRate(0.1)
        .longReordering(0.1, 200, 2200);
    sim.at(Duration.ofMillis(300), "partition n2 away", () -> sim.isolate("n2"));
    sim.at(Duration.ofMillis(600), "heal", sim::heal);
    sim.at(Duration.ofMillis(700), "crash n1", () -> sim.crash("n1"));
    sim.at(Duration.ofMillis(900), "restart n1", () -> sim.restart("n1"));
    sim.at(Duration.ofMillis(1000), "pause n0", () -> sim.pause("n0"));
    sim.at(Duration.ofMillis(1200), "resume n0", () -> sim.resume("n0"));
    sim.at(Duration.ofMillis(1300), "cut n0->n2", () -> sim.cutLink("n0", "n2"));
    sim.runFor(Duration.ofSeconds(2));
    return sim;
  }

  @Test
  void sameSeedGivesIdenticalTraceBytes() {
    List<String> first = chaoticRun(42).traceLines();
    List<String> second = chaoticRun(42).traceLines();
    assertTrue(first.size() > 200, "trace too short: " + first.size());
    assertEquals(String.join("\n", first), String.join("\n", second));
  }

  @Test
  void differentSeedsGiveDifferentRuns() {
    assertNotEquals(chaoticRun(1).traceLines(), chaoticRun(2).traceLines());
  }
}
