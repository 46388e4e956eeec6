package io.pdslab.harness.sim;

/**
 * What every part of one simulation shares: its seed, its one thread, the clock, the event loop,
 * the trace, failure reporting and the counters.
 */
record Kernel(
    long seed,
    Thread owner,
    VirtualClock clock,
    EventLoop loop,
    TraceRecorder trace,
    Failures failures,
    SimulationStats stats) {

  /** The core of a new simulation, owned by the calling thread. */
  static Kernel create(long seed) {
    VirtualClock clock = new VirtualClock();
    TraceRecorder trace = new TraceRecorder(clock);
    Failures failures = new Failures(clock, trace);
    return new Kernel(
        seed,
        Thread.currentThread(),
        clock,
        new EventLoop(clock, failures),
        trace,
        failures,
        new SimulationStats());
  }

  long now() {
    return clock.now();
  }

  /** Nodes run on the simulation's thread only: anything else would make runs irreproducible. */
  void checkThread() {
    if (Thread.currentThread() != owner) {
      throw new IllegalStateException(
          "the simulation was used from thread "
              + Thread.currentThread().getName()
              + ": nodes must not start threads or use futures");
    }
  }
}
