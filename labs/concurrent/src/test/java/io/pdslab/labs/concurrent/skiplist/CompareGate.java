package io.pdslab.labs.concurrent.skiplist;

import io.pdslab.labs.concurrent.StopPoint;
import java.util.function.BooleanSupplier;

/**
 * Stops one watched thread inside each of its key comparisons until the test resumes it, so that
 * the test can change the set while that thread is at a known point of its operation. Every skip
 * list compares keys while it searches, whatever its code looks like; other threads compare freely.
 */
final class CompareGate {
  private final StopPoint stop = new StopPoint("in a comparison", "compared keys");
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
    stop.stop();
  }

  /**
   * Waits until the watched thread stops in a comparison (true) or {@code done} says its operation
   * returned (false).
   *
   * @throws AssertionError if neither happens within {@link StopPoint#WAIT}
   */
  boolean awaitPause(BooleanSupplier done) throws InterruptedException {
    return stop.awaitStop(done);
  }

  /** Lets the stopped thread go on, to its next comparison. */
  void resume() {
    stop.resume();
  }

  /** Lets the stopped thread go on and stops it no more. */
  void openAndResume() {
    open = true;
    stop.resume();
  }
}
