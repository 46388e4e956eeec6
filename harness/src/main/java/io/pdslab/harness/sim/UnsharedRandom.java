package io.pdslab.harness.sim;

import java.util.Random;

/**
 * {@link Random}'s generator without its atomic seed updates, for a source that only the
 * simulation's thread uses: the same seed gives exactly the numbers {@code new Random(seed)} gives.
 * The network draws several numbers per message, and each atomic update costs.
 */
final class UnsharedRandom extends Random {
  private static final long MULTIPLIER = 0x5DEECE66DL;
  private static final long ADDEND = 0xBL;
  private static final long MASK = (1L << 48) - 1;

  /** Set by {@link #setSeed}, which {@link Random}'s constructor calls for subclasses. */
  private long state;

  UnsharedRandom(long seed) {
    super(seed);
  }

  @Override
  public void setSeed(long seed) {
    super.setSeed(seed); // also forgets a cached nextGaussian
    state = (seed ^ MULTIPLIER) & MASK;
  }

  @Override
  protected int next(int bits) {
    state = (state * MULTIPLIER + ADDEND) & MASK;
    return (int) (state >>> (48 - bits));
  }
}
