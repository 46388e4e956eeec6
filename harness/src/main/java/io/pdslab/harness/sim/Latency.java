package io.pdslab.harness.sim;

import java.util.Random;

/** A one-way message delay distribution in virtual milliseconds. */
@FunctionalInterface
public interface Latency {

  /** Draws one delay (at least 0) from the network's random source. */
  long sample(Random random);

  /** Always {@code ms}. */
  static Latency constant(long ms) {
    requireNonNegative(ms);
    return random -> ms;
  }

  /** Uniform between {@code minMs} and {@code maxMs}, both included. */
  static Latency uniform(long minMs, long maxMs) {
    requireNonNegative(minMs);
    if (maxMs < minMs) {
      throw new IllegalArgumentException("uniform latency: max " + maxMs + " < min " + minMs);
    }
    return random -> minMs + (long) (random.nextDouble() * (maxMs - minMs + 1));
  }

  /** Exponential with the given mean, rounded down. */
  static Latency exponential(double meanMs) {
    if (!(meanMs > 0)) {
      throw new IllegalArgumentException("exponential latency: mean must be > 0, got " + meanMs);
    }
    return random -> (long) (-meanMs * Math.log(1 - random.nextDouble()));
  }

  private static void requireNonNegative(long ms) {
    if (ms < 0) {
      throw new IllegalArgumentException("latency must be >= 0 ms, got " + ms);
    }
  }
}
