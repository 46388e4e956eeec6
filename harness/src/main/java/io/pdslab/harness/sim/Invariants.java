package io.pdslab.harness.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The safety properties of a run, checked after every event. */
final class Invariants {
  private final Failures failures;
  private final NodeDirectory nodes;
  private final List<Map.Entry<String, Invariant>> invariants = new ArrayList<>();

  Invariants(Failures failures, NodeDirectory nodes) {
    this.failures = failures;
    this.nodes = nodes;
  }

  void add(String property, Invariant check) {
    invariants.add(Map.entry(property, check));
  }

  /** Fails the run at the first violated property, with the node states. */
  void check() {
    for (Map.Entry<String, Invariant> inv : invariants) {
      String violation = inv.getValue().violation();
      if (violation != null) {
        throw failures.fail(
            "invariant '" + inv.getKey() + "' violated: " + violation + " (" + nodes.states() + ")",
            null);
      }
    }
  }
}
