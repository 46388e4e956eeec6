package io.pdslab.harness.sim;

/** The virtual time of one simulation, in ms since its start; only the event loop moves it. */
final class VirtualClock {
  private long now;

  /** Current virtual time. */
  long now() {
    return now;
  }

  void advanceTo(long time) {
    now = time;
  }
}
