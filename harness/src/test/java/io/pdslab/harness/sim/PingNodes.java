package io.pdslab.harness.sim;

import java.util.List;

/** Starts {@link PingNode}s from tests in other packages. */
public final class PingNodes {
  private PingNodes() {}

  /** Adds {@code count} ping servers to {@code sim}. */
  public static List<String> start(Simulation sim, int count) {
    return sim.nodes(count, PingNode::create);
  }
}
