package io.pdslab.labs.concurrent.locks;

import io.pdslab.harness.perf.Workers;
import io.pdslab.harness.structure.RedirectedCopy;
import io.pdslab.labs.concurrent.StopPoint;
import io.pdslab.labs.concurrent.given.Backoff;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.LockSupport;

/**
 * Structural checks of the locks built on test-and-test-and-set, on real threads but without timing
 * anything. A TTAS lock that spins on {@code getAndSet}, or a backoff lock whose backoff never
 * grows, is correct, and on 2 shared cores its throughput may look fine; these checks see the
 * design itself. They run a copy of the lock whose calls on its given flag {@code held} (and on the
 * given {@link Backoff}) go through {@link FlagWatch} (and {@link BackoffWatch}).
 */
public final class SpinChecks {
  /** Flag accesses the waiter must make, while the lock is held, before they are judged. */
  static final int ACCESSES = 256;

  /** Writes a waiter may make while the lock is held: one try before it starts reading. */
  static final int WRITES_ALLOWED = 1;

  /** Races the waiter is made to lose in a row in the backoff check. */
  static final int LOST_RACES = 6;

  private SpinChecks() {}

  /**
   * Holds the lock, starts one thread that calls {@code lock()}, waits until that thread has
   * accessed the flag {@value #ACCESSES} times, then releases the lock; fails if the waiter wrote
   * the flag more than {@value #WRITES_ALLOWED} times meanwhile.
   */
  static void assertWaiterSpinsOnReads(String name, Class<? extends Lock> type, Duration timeout) {
    Lock lock = copyOf(type, Map.of(AtomicBoolean.class, FlagWatch.class));
    FlagWatch.watch(null, 0); // counts at zero until the waiter watches itself
    CountDownLatch held = new CountDownLatch(1);
    AtomicLong reads = new AtomicLong();
    AtomicLong writes = new AtomicLong();
    Workers.run(
        name,
        2,
        timeout,
        i -> {
          if (i == 0) {
            lock.lock();
            held.countDown();
            long deadline = System.nanoTime() + timeout.toNanos() / 2;
            while (FlagWatch.reads() + FlagWatch.writes() < ACCESSES
                && System.nanoTime() - deadline < 0) {
              LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }
            reads.set(FlagWatch.reads());
            writes.set(FlagWatch.writes());
            lock.unlock();
          } else {
            FlagWatch.watch(Thread.currentThread(), 0);
            held.await();
            lock.lock();
            lock.unlock();
          }
        });
    if (reads.get() + writes.get() < ACCESSES) {
      throw new AssertionError(
          name
              + ": a thread waiting for the held lock accessed its flag `held` only "
              + (reads.get() + writes.get())
              + " times: a waiter must spin on the given flag `private final AtomicBoolean held`");
    }
    if (writes.get() > WRITES_ALLOWED) {
      throw new AssertionError(
          name
              + ": while the lock was held, a waiting thread wrote its flag "
              + writes.get()
              + " times (getAndSet, compareAndSet or set) against "
              + reads.get()
              + " reads: test-and-test-and-set spins on a read and tries to take the lock only"
              + " once it looks free; each write takes the flag's cache line away from every other"
              + " core, the holder's included (that is a TAS lock)");
    }
  }

  /**
   * Makes one thread lose {@value #LOST_RACES} races in a row for a free-looking lock (its read
   * sees the flag free, its {@code getAndSet} finds it taken); fails unless the thread backs off
   * after each loss with the given {@link Backoff} and the backoff's limit grows meanwhile.
   */
  static void assertBackoffGrows(String name, Class<? extends Lock> type, Duration timeout) {
    Lock lock =
        copyOf(
            type, Map.of(AtomicBoolean.class, FlagWatch.class, Backoff.class, BackoffWatch.class));
    BackoffWatch.reset();
    Workers.run(
        name,
        1,
        timeout,
        i -> {
          FlagWatch.watch(Thread.currentThread(), LOST_RACES);
          lock.lock();
          lock.unlock();
        });
    List<Integer> limits = BackoffWatch.limits();
    if (limits.size() < LOST_RACES) {
      throw new AssertionError(
          name
              + ": a thread that lost the race for a free-looking lock "
              + LOST_RACES
              + " times in a row backed off only "
              + limits.size()
              + " times: after each lost getAndSet it must back off with the given Backoff");
    }
    if (limits.get(LOST_RACES - 1) <= limits.get(0)) {
      throw new AssertionError(
          name
              + ": over "
              + LOST_RACES
              + " races lost in a row, the backoff's limit went "
              + limits
              + ": exponential backoff doubles its limit after each loss (up to a maximum), so"
              + " that contenders that keep colliding spread out; a limit that never grows keeps"
              + " them colliding");
    }
  }

  /**
   * Stops one thread in {@code lock()} just before its first write of the flag (for a lock that
   * tests first: once it has seen the lock free), lets another thread take the lock meanwhile, then
   * lets the first go on; fails if it enters while the other still holds the lock. The losing
   * interleaving of a test-then-set in two steps is forced, not hoped for: a contention run hits
   * its window of a few instructions only sometimes.
   */
  public static void assertOvertakenThreadStaysOut(
      String name, Class<? extends Lock> type, Duration timeout) {
    Lock lock = copyOf(type, Map.of(AtomicBoolean.class, FlagWatch.class));
    AtomicBoolean overtakenInside = new AtomicBoolean();
    AtomicBoolean bothInside = new AtomicBoolean();
    Workers.run(
        name,
        2,
        timeout,
        i -> {
          if (i == 0) {
            FlagWatch.watchMeStoppingBeforeMyNextWrite();
            lock.lock();
            overtakenInside.set(true);
            lock.unlock();
            return;
          }
          if (!FlagWatch.awaitStopBeforeWrite()) {
            throw new AssertionError(
                name
                    + ": a thread in lock() never wrote the lock's flag: a thread takes the lock"
                    + " by writing the given flag `private final AtomicBoolean held`");
          }
          lock.lock();
          long accesses = FlagWatch.reads() + FlagWatch.writes();
          FlagWatch.resume();
          // A waiter makes its write and at least one more access (it spins); a thread that
          // wrongly enters makes its write and then stops touching the flag.
          long deadline = System.nanoTime() + StopPoint.WAIT.toNanos();
          while (!overtakenInside.get()
              && FlagWatch.reads() + FlagWatch.writes() < accesses + 2
              && System.nanoTime() - deadline < 0) {
            LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(100));
          }
          bothInside.set(overtakenInside.get());
          lock.unlock();
        });
    if (bothInside.get()) {
      throw new AssertionError(
          name
              + ": a thread that was about to take the lock was overtaken by another one, which"
              + " took it; the first then entered too, while the other still held the lock: the"
              + " test and the set must be one atomic step (getAndSet or compareAndSet), or two"
              + " threads can both see the lock free and both enter");
    }
  }

  private static Lock copyOf(Class<? extends Lock> type, Map<Class<?>, Class<?>> hooks) {
    try {
      return (Lock) RedirectedCopy.of(type, hooks).getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot create a watched copy of " + type.getName(), e);
    }
  }
}
