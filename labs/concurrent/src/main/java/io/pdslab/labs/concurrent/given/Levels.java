package io.pdslab.labs.concurrent.given;

/**
 * Tower heights for skip-list nodes. The height is a pseudo-random function of the item's hash
 * (geometric with p = 1/2) rather than of a random generator, so runs are reproducible and model
 * checkers that replay executions see the same heights every time.
 */
public final class Levels {
  /** Number of levels; level {@code MAX_LEVEL - 1} is the top. Enough for about 2^16 items. */
  public static final int MAX_LEVEL = 16;

  private Levels() {}

  /** The top level, in {@code [0, MAX_LEVEL - 1]}, of the tower for {@code item}. */
  public static int topLevel(Object item) {
    long h = item.hashCode() * 0x9E3779B97F4A7C15L;
    h ^= h >>> 29;
    h *= 0xBF58476D1CE4E5B9L;
    h ^= h >>> 32;
    return Math.min(Long.numberOfTrailingZeros(h), MAX_LEVEL - 1);
  }
}
