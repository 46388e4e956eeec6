package io.pdslab.harness.architecture.cycle.a;

import io.pdslab.harness.architecture.cycle.b.Pong;

/** Half of a deliberate package cycle, for the architecture rules' own test. */
public final class Ping {
  private Ping() {}

  /** Depends on package b. */
  public static Pong answer() {
    return Pong.create();
  }
}
