package io.pdslab.labs.concurrent.skiplist;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Stops one watched thread inside each of its key comparisons until the test resumes it, so that
 * the test can change the set while that thread is at a known point of its operation. Every skip
 * list compares keys while it searches, whatever its code looks like; other threads compare freely.
 */
final class CompareGate {
  /** How long either side waits for the other before the check fails. */
  static final Duration WAIT = Duration.ofSeconds(10);

  private final Semaphore paused = new Semaphore(0);
  private final Semaphore resumed = new Semaphore(0);
  private volatile Thread watched;
  private volatile boolean open;

  /** Stops {@code thread} at each of its comparisons from now on, until {@link #openAndResume}. */
  void watch(Thread thread) {
    watched = thread;
  }

  /** Called by every comparison of a {@link GatedKey}. */
  void onCompare() {
    if (open || Thread.currentThread() != watched) {
      return;
    }
    paused.release();
    try {
      if (!resumed.tryAcquire(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new AssertionError("the check did not resume the stopped operation in " + WAIT);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while stopped in a comparison", e);
    }
  }

  /**
   * Waits until the watched thread stops in a comparison (true) or {@code done} says its operation
   * returned (false).
   *
   * @throws AssertionError if neither happens within {@link #WAIT}
   */
  boolean awaitPause(BooleanSupplier done) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() - deadline < 0) {
      if (paused.tryAcquire(1, TimeUnit.MILLISECONDS)) {
        return true;
      }
      if (done.getAsBoolean()) {
        return paused.tryAcquire();
      }
    }
    throw new AssertionError(
        "the watched operation neither compared keys nor returned in " + WAIT + " (a hang?)");
  }

  /** Lets the stopped thread go on, to its next comparison. */
  void resume() {
    resumed.release();
  }

  /** Lets the stopped thread go on and stops it no more. */
  void openAndResume() {
    open = true;
    resumed.release();
  }
}
