package io.pdslab.labs.concurrent;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A point in an operation where one thread stops until the check lets it go on: the check waits for
 * the stop, changes what it needs while the thread is at a known place, then resumes it. Either
 * side fails after {@link #WAIT} instead of hanging the test JVM.
 */
public final class StopPoint {
  /** How long a stopped thread, and the check waiting for it to stop, wait for the other. */
  public static final Duration WAIT = Duration.ofSeconds(10);

  private final Semaphore stopped = new Semaphore(0);
  private final Semaphore resumed = new Semaphore(0);
  private final String where;
  private final String reached;

  /**
   * @param where where the thread stops, for messages ("before a lock")
   * @param reached what the thread did when it stops, for messages ("took a lock")
   */
  public StopPoint(String where, String reached) {
    this.where = where;
    this.reached = reached;
  }

  /** Forgets earlier stops and resumes, before a new check. */
  public void reset() {
    stopped.drainPermits();
    resumed.drainPermits();
  }

  /** Called by the stopping thread: waits here until {@link #resume()}. */
  public void stop() {
    stopped.release();
    try {
      if (!resumed.tryAcquire(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new AssertionError(
            "the check did not resume the thread stopped " + where + " in " + WAIT);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while stopped " + where, e);
    }
  }

  /** Whether the thread stopped here within {@link #WAIT}. */
  public boolean awaitStop() throws InterruptedException {
    return stopped.tryAcquire(WAIT.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * Waits until the thread stops here (true) or {@code returned} says its operation returned
   * (false).
   *
   * @throws AssertionError if neither happens within {@link #WAIT}
   */
  public boolean awaitStop(BooleanSupplier returned) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() - deadline < 0) {
      if (stopped.tryAcquire(1, TimeUnit.MILLISECONDS)) {
        return true;
      }
      if (returned.getAsBoolean()) {
        return stopped.tryAcquire();
      }
    }
    throw new AssertionError(
        "the watched operation neither " + reached + " nor returned in " + WAIT + " (a hang?)");
  }

  /** Lets the stopped thread go on. */
  public void resume() {
    resumed.release();
  }
}
