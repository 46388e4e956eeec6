package io.pdslab.labs.concurrent.given;

/**
 * Randomised exponential backoff by busy-waiting: each call waits a random number of spin
 * iterations below a limit, then doubles the limit up to a maximum. Not thread-safe: use one per
 * acquisition attempt.
 */
public final class Backoff {
  private final int maxSpins;
  private int limit;
  private long seed;

  /**
   * @param minSpins initial limit, at least 1
   * @param maxSpins largest limit
   * @param seed random seed (any value; zero is replaced)
   */
  public Backoff(int minSpins, int maxSpins, long seed) {
    if (minSpins < 1 || maxSpins < minSpins) {
      throw new IllegalArgumentException("need 1 <= minSpins <= maxSpins");
    }
    this.limit = minSpins;
    this.maxSpins = maxSpins;
    this.seed = seed == 0 ? 0x9E3779B97F4A7C15L : seed;
  }

  /** Spins for a random number of iterations in [1, limit], then doubles the limit. */
  public void backoff() {
    // xorshift64: cheap, and no shared state between threads.
    seed ^= seed << 13;
    seed ^= seed >>> 7;
    seed ^= seed << 17;
    int spins = 1 + (int) Long.remainderUnsigned(seed, limit);
    for (int i = 0; i < spins; i++) {
      Thread.onSpinWait();
    }
    limit = Math.min(maxSpins, 2 * limit);
  }
}
