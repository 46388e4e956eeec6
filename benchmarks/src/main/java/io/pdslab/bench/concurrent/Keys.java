package io.pdslab.bench.concurrent;

import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.ThreadParams;

/**
 * Per-thread pseudo-random keys and operation choices (xorshift, seeded by the thread index), so
 * that no benchmark thread shares a generator and runs are reproducible.
 */
@State(Scope.Thread)
public class Keys {
  private long seed;

  /** Seeds the generator from the JMH thread index. */
  @org.openjdk.jmh.annotations.Setup
  public void setUp(ThreadParams thread) {
    seed = 0x9E3779B97F4A7C15L * (thread.getThreadIndex() + 1);
  }

  /** A pseudo-random int in {@code [0, bound)}. */
  public int next(int bound) {
    seed ^= seed << 13;
    seed ^= seed >>> 7;
    seed ^= seed << 17;
    return (int) Long.remainderUnsigned(seed, bound);
  }
}
