package io.pdslab.labs.concurrent.locks;

/**
 * One step of a spin-wait loop. Spinning is only efficient while the thread we wait for is running;
 * with more threads than cores, a waiter that never gives up its core can keep the lock holder (or,
 * in a queue lock, the next thread in line) from running at all. So after a burst of spins we yield
 * the core.
 */
final class Spin {
  /** Spins between yields; a power of two. */
  static final int SPINS_PER_YIELD = 1 << 10;

  private Spin() {}

  /**
   * Waits a little: {@link Thread#onSpinWait()}, or {@link Thread#yield()} every {@value
   * #SPINS_PER_YIELD} calls.
   *
   * @param spins how many times the caller has spun so far
   * @return {@code spins + 1}
   */
  static int spin(int spins) {
    if ((spins & (SPINS_PER_YIELD - 1)) == SPINS_PER_YIELD - 1) {
      Thread.yield();
    } else {
      Thread.onSpinWait();
    }
    return spins + 1;
  }
}
