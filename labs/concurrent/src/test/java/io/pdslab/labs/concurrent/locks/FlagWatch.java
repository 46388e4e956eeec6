package io.pdslab.labs.concurrent.locks;

import io.pdslab.labs.concurrent.StopPoint;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Hooks for a lock's {@code AtomicBoolean} flag in a {@link
 * io.pdslab.harness.structure.RedirectedCopy} of the lock: they count one watched thread's reads
 * and writes of the flag and, when asked, make that thread lose races it would have won (the flag
 * looks free to a read, and a write that would take it fails without writing), or stop it just
 * before its first write until the check resumes it. Other threads, and the watched one after its
 * lost races, see the flag as it is. One check at a time: the state is static because the copy
 * calls static methods.
 */
public final class FlagWatch {
  private static final AtomicLong READS = new AtomicLong();
  private static final AtomicLong WRITES = new AtomicLong();
  private static final AtomicLong RACES_TO_LOSE = new AtomicLong();
  private static final StopPoint STOP = new StopPoint("before a write", "wrote the flag");
  private static volatile Thread watched;
  private static volatile boolean pauseBeforeWrite;

  private FlagWatch() {}

  /** Watches {@code thread} from now on, with counts at zero; it loses its next {@code races}. */
  static void watch(Thread thread, long races) {
    pauseBeforeWrite = false;
    READS.set(0);
    WRITES.set(0);
    RACES_TO_LOSE.set(races);
    watched = thread;
  }

  /**
   * Watches the calling thread, with counts at zero, and stops it just before its next write of the
   * flag, until {@link #resume()}.
   */
  static void watchMeStoppingBeforeMyNextWrite() {
    watch(Thread.currentThread(), 0);
    STOP.reset();
    pauseBeforeWrite = true;
  }

  /** Whether the watched thread stopped before a write within {@link StopPoint#WAIT}. */
  static boolean awaitStopBeforeWrite() throws InterruptedException {
    return STOP.awaitStop();
  }

  /** Lets the stopped thread make its write. */
  static void resume() {
    STOP.resume();
  }

  /** The watched thread's reads of the flag so far. */
  static long reads() {
    return READS.get();
  }

  /** The watched thread's writes (and attempted writes) of the flag so far. */
  static long writes() {
    return WRITES.get();
  }

  private static boolean isWatched() {
    return Thread.currentThread() == watched;
  }

  /** A read by the watched thread: false (free) while it still has races to lose. */
  private static boolean read(AtomicBoolean flag, boolean value) {
    if (!isWatched()) {
      return value;
    }
    READS.incrementAndGet();
    return RACES_TO_LOSE.get() > 0 ? false : value;
  }

  /** Whether this write by the watched thread is a race it loses (it then writes nothing). */
  private static boolean loses() {
    if (!isWatched()) {
      return false;
    }
    stopIfAsked();
    WRITES.incrementAndGet();
    return RACES_TO_LOSE.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
  }

  public static boolean get(AtomicBoolean flag) {
    return read(flag, flag.get());
  }

  public static boolean getPlain(AtomicBoolean flag) {
    return read(flag, flag.getPlain());
  }

  public static boolean getOpaque(AtomicBoolean flag) {
    return read(flag, flag.getOpaque());
  }

  public static boolean getAcquire(AtomicBoolean flag) {
    return read(flag, flag.getAcquire());
  }

  /** A lost race: the flag was taken by someone else first, so the old value read is true. */
  public static boolean getAndSet(AtomicBoolean flag, boolean value) {
    return loses() ? true : flag.getAndSet(value);
  }

  public static boolean compareAndSet(AtomicBoolean flag, boolean expected, boolean value) {
    return loses() ? false : flag.compareAndSet(expected, value);
  }

  public static boolean weakCompareAndSetVolatile(
      AtomicBoolean flag, boolean expected, boolean value) {
    return loses() ? false : flag.weakCompareAndSetVolatile(expected, value);
  }

  public static boolean weakCompareAndSetAcquire(
      AtomicBoolean flag, boolean expected, boolean value) {
    return loses() ? false : flag.weakCompareAndSetAcquire(expected, value);
  }

  public static boolean weakCompareAndSetPlain(
      AtomicBoolean flag, boolean expected, boolean value) {
    return loses() ? false : flag.weakCompareAndSetPlain(expected, value);
  }

  public static boolean compareAndExchange(AtomicBoolean flag, boolean expected, boolean value) {
    return loses() ? !expected : flag.compareAndExchange(expected, value);
  }

  public static boolean compareAndExchangeAcquire(
      AtomicBoolean flag, boolean expected, boolean value) {
    return loses() ? !expected : flag.compareAndExchangeAcquire(expected, value);
  }

  public static void set(AtomicBoolean flag, boolean value) {
    counted();
    flag.set(value);
  }

  public static void lazySet(AtomicBoolean flag, boolean value) {
    counted();
    flag.lazySet(value);
  }

  public static void setRelease(AtomicBoolean flag, boolean value) {
    counted();
    flag.setRelease(value);
  }

  public static void setOpaque(AtomicBoolean flag, boolean value) {
    counted();
    flag.setOpaque(value);
  }

  public static void setPlain(AtomicBoolean flag, boolean value) {
    counted();
    flag.setPlain(value);
  }

  /** A plain store is a write too, but not a race: it always happens. */
  private static void counted() {
    if (isWatched()) {
      stopIfAsked();
      WRITES.incrementAndGet();
    }
  }

  /** Stops the watched thread before its write, once, if the check asked for it. */
  private static void stopIfAsked() {
    if (!pauseBeforeWrite) {
      return;
    }
    pauseBeforeWrite = false;
    STOP.stop();
  }
}
