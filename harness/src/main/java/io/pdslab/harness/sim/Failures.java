package io.pdslab.harness.sim;

import io.pdslab.harness.trace.TraceEvent;

/**
 * Ends a run with a {@link SimulationFailure} whose message ends with the virtual time, and records
 * the first failure as the trace's {@code fail} event. Once failed, a simulation runs no more.
 */
final class Failures {
  private final VirtualClock clock;
  private final TraceRecorder trace;
  private boolean failed;

  Failures(VirtualClock clock, TraceRecorder trace) {
    this.clock = clock;
    this.trace = trace;
  }

  /** Records and throws the failure; declared to return it so callers can write {@code throw}. */
  SimulationFailure fail(String what, Throwable cause) {
    String text = what + " [t=" + clock.now() + " ms]";
    record(text);
    throw new SimulationFailure(text, cause);
  }

  /** Records a {@code fail} event unless the run already failed. */
  void record(String text) {
    if (!failed) {
      failed = true;
      trace.record(TraceEvent.fail(text));
    }
  }

  boolean failed() {
    return failed;
  }
}
