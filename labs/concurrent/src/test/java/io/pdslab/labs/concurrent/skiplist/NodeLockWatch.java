package io.pdslab.labs.concurrent.skiplist;

import io.pdslab.labs.concurrent.StopPoint;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * Hooks for the node locks in a {@link io.pdslab.harness.structure.RedirectedCopy} of a lock-based
 * skip list ({@code ReentrantLock}, or any {@code Lock}): one watched thread is stopped just before
 * its first {@code lock()} until the check resumes it, and the locks it holds are counted. Other
 * threads lock as usual. One check at a time: the state is static because the copy calls static
 * methods.
 */
public final class NodeLockWatch {
  private static final StopPoint STOP = new StopPoint("before a lock", "took a lock");

  /** Holds per lock of the watched thread; only that thread touches it. */
  private static final Map<Object, Integer> HOLDS = new IdentityHashMap<>();

  private static volatile Thread watched;
  private static volatile boolean pauseBeforeLock;

  private NodeLockWatch() {}

  /** Watches {@code thread}, holding nothing, and stops it before its next {@code lock()}. */
  static void watch(Thread thread) {
    STOP.reset();
    HOLDS.clear();
    pauseBeforeLock = true;
    watched = thread;
  }

  /** Waits until the watched thread stops before a lock (true) or {@code returned} (false). */
  static boolean awaitPause(BooleanSupplier returned) throws InterruptedException {
    return STOP.awaitStop(returned);
  }

  /** Lets the stopped thread take its lock. */
  static void resume() {
    STOP.resume();
  }

  /** How many locks the watched thread holds now; called by that thread. */
  static int held() {
    return (int) HOLDS.values().stream().filter(n -> n > 0).count();
  }

  private static boolean isWatched() {
    return Thread.currentThread() == watched;
  }

  private static void beforeLock() {
    if (!isWatched() || !pauseBeforeLock) {
      return;
    }
    pauseBeforeLock = false;
    STOP.stop();
  }

  private static void taken(Object lock, boolean took) {
    if (took && isWatched()) {
      HOLDS.merge(lock, 1, Integer::sum);
    }
  }

  private static void released(Object lock) {
    if (isWatched()) {
      HOLDS.merge(lock, -1, Integer::sum);
    }
  }

  public static void lock(ReentrantLock lock) {
    beforeLock();
    lock.lock();
    taken(lock, true);
  }

  public static void lock(Lock lock) {
    beforeLock();
    lock.lock();
    taken(lock, true);
  }

  public static void lockInterruptibly(ReentrantLock lock) throws InterruptedException {
    beforeLock();
    lock.lockInterruptibly();
    taken(lock, true);
  }

  public static void lockInterruptibly(Lock lock) throws InterruptedException {
    beforeLock();
    lock.lockInterruptibly();
    taken(lock, true);
  }

  public static boolean tryLock(ReentrantLock lock) {
    boolean took = lock.tryLock();
    taken(lock, took);
    return took;
  }

  public static boolean tryLock(Lock lock) {
    boolean took = lock.tryLock();
    taken(lock, took);
    return took;
  }

  public static boolean tryLock(ReentrantLock lock, long time, TimeUnit unit)
      throws InterruptedException {
    boolean took = lock.tryLock(time, unit);
    taken(lock, took);
    return took;
  }

  public static boolean tryLock(Lock lock, long time, TimeUnit unit) throws InterruptedException {
    boolean took = lock.tryLock(time, unit);
    taken(lock, took);
    return took;
  }

  public static void unlock(ReentrantLock lock) {
    lock.unlock();
    released(lock);
  }

  public static void unlock(Lock lock) {
    lock.unlock();
    released(lock);
  }
}
