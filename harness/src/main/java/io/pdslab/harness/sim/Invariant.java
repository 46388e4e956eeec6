package io.pdslab.harness.sim;

/**
 * A safety property checked after every simulation event (see {@link Simulation#invariant(String,
 * Invariant)}).
 *
 * <pre>{@code
 * sim.invariant("election safety", () -> leaders.twoInOneTerm().orElse(null));
 * }</pre>
 */
@FunctionalInterface
public interface Invariant {

  /** {@code null} when the property holds, else what is wrong, naming the nodes involved. */
  String violation();
}
