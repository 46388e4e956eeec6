package io.pdslab.harness.sim;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * Derives independent, reproducible random sources from one seed and a label, so that each consumer
 * (network, node n1 incarnation 2, nemesis, ...) has its own stream.
 */
public final class Seeds {
  private Seeds() {}

  /** A seed for the stream named {@code label}, derived from {@code seed}. */
  public static long derive(long seed, String label) {
    long h = 1125899906842597L;
    for (byte b : label.getBytes(StandardCharsets.UTF_8)) {
      h = 31 * h + b;
    }
    return new SplittableRandom(seed ^ Long.rotateLeft(h, 17) ^ h).nextLong();
  }

  /** A random source for the stream named {@code label}, derived from {@code seed}. */
  public static Random random(long seed, String label) {
    return new Random(derive(seed, label));
  }

  /** Like {@link #random}, for a source only the simulation's own thread draws from. */
  static Random unsharedRandom(long seed, String label) {
    return new UnsharedRandom(derive(seed, label));
  }
}
