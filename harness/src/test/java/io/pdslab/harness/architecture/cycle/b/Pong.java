package io.pdslab.harness.architecture.cycle.b;

import io.pdslab.harness.architecture.cycle.a.Ping;

/** The other half of the deliberate cycle. */
public final class Pong {
  private Pong() {}

  /** Depends back on package a. */
  public static Pong create() {
    return Ping.class.getName().isEmpty() ? null : new Pong();
  }
}
