package io.pdslab.harness.sim;

/**
 * A simulated run failed: an invariant was violated, a condition was not reached in time, the step
 * budget ran out, or a node did something the simulator cannot control. The message names the cause
 * and the virtual time; the JUnit extension adds the seed, the replay command and the trace path.
 */
public class SimulationFailure extends AssertionError {
  private static final long serialVersionUID = 1L;

  /** A failure with a self-explaining message. */
  public SimulationFailure(String message) {
    super(message);
  }

  /** A failure caused by {@code cause} (e.g. a node's exception). */
  public SimulationFailure(String message, Throwable cause) {
    super(message, cause);
  }
}
