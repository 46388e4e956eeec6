package io.pdslab.labs.concurrent.given;

import java.util.concurrent.locks.LockSupport;

/**
 * One step of a spin-wait loop. Spinning is only efficient while the thread we wait for is running.
 * With more threads than cores, a waiter that never gives up its core can keep the lock holder (or,
 * in a queue lock, the next thread in line) from running at all. So a waiter spins for a short
 * burst, then yields its core now and then, and after a longer wait sleeps for a few microseconds
 * between looks: a queue lock hands over to one particular thread, and on a loaded machine that
 * thread only gets a core quickly if the other waiters stop competing for it.
 */
public final class Spin {
  /** Spins between yields; a power of two. */
  static final int SPINS_PER_YIELD = 1 << 8;

  /** Spins after which a waiter parks between looks instead of yielding. */
  static final int SPINS_BEFORE_PARK = 1 << 12;

  /** How long a parked waiter sleeps before it looks again. */
  static final long PARK_NANOS = 20_000;

  private Spin() {}

  /**
   * Waits a little: {@link Thread#onSpinWait()}; or {@link Thread#yield()} every {@value
   * #SPINS_PER_YIELD} calls; or, after {@value #SPINS_BEFORE_PARK} calls, a short park.
   *
   * @param spins how many times the caller has spun so far
   * @return {@code spins + 1}, saturating
   */
  public static int spin(int spins) {
    if (spins >= SPINS_BEFORE_PARK) {
      LockSupport.parkNanos(PARK_NANOS);
      return spins;
    }
    if ((spins & (SPINS_PER_YIELD - 1)) == SPINS_PER_YIELD - 1) {
      Thread.yield();
    } else {
      Thread.onSpinWait();
    }
    return spins + 1;
  }
}
