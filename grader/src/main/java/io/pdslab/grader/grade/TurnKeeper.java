package io.pdslab.grader.grade;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * Lets two performance JVMs measure their rounds in alternation (the child side is {@code
 * io.pdslab.harness.perf.RoundTurns}): a JVM asks for a round with a {@code NAME.want} file in its
 * turns folder, gets it with {@code NAME.go} and ends it with {@code NAME.done}. Only one round
 * runs at a time, and the sides alternate strictly, so round i of one side runs right beside round
 * i of the other; a side goes on alone only once the other's run is over (it failed or finished),
 * or when the other has not asked for {@link #GRACE} (it is stuck outside its rounds).
 *
 * <p>The side that does not measure is idle, not absent: its JIT compiler, garbage collector and
 * the loop that waits for its turn would run beside the other's round. So a round starts only once
 * the other side is waiting for its own next turn (at most {@link #SETTLE} later: what it does
 * between rounds, finishing compilations or building a fresh trial, is then done), and that side is
 * frozen with {@code SIGSTOP} for the length of the round (see {@link PausedJvm}).
 */
final class TurnKeeper implements Runnable {
  /**
   * How long a side that is due may take to ask before the other goes instead: longer than any
   * honest pause between two rounds (a fresh trial, a garbage collection, JVM start-up on a loaded
   * machine), so that the sides stay in step.
   */
  static final Duration GRACE = Duration.ofSeconds(30);

  /** Longest round the keeper waits for; a child's own round limit is shorter. */
  static final Duration MAX_ROUND = Duration.ofSeconds(45);

  /**
   * Longest wait for the other side to finish what it does between rounds before a round starts
   * beside it: longer than the harness's wait for the JIT to settle (3 s).
   */
  static final Duration SETTLE = Duration.ofSeconds(5);

  private static final long POLL_MILLIS = 1;

  /** Slowest poll for the end of a round, in milliseconds. */
  static final long ROUND_POLL_MAX_MILLIS = 16;

  /** One JVM's turns folder, and whether its run is over. */
  static final class Side {
    final Path dir;
    final AtomicBoolean over = new AtomicBoolean();
    int rounds;
    int pausedRounds;

    /** The process the grader started for this side's current JVM, once started. */
    volatile ProcessHandle jvm;

    Side(Path dir) {
      try {
        this.dir = Files.createDirectories(dir);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** The oldest request not yet granted. */
    Optional<String> waiting() {
      try (Stream<Path> files = Files.list(dir)) {
        List<String> wants =
            files
                .map(p -> p.getFileName().toString())
                .filter(n -> n.endsWith(".want"))
                .map(n -> n.substring(0, n.length() - ".want".length()))
                .filter(n -> !Files.exists(dir.resolve(n + ".go")))
                .sorted()
                .toList();
        return wants.stream().findFirst();
      } catch (IOException e) {
        return Optional.empty();
      }
    }

    /** Whether the JVM said that {@code round} is a warm-up round, never measured. */
    boolean warmup(String round) {
      return Files.exists(dir.resolve(round + ".warmup"));
    }
  }

  private final List<Side> sides;
  private final AtomicBoolean stopped = new AtomicBoolean();
  private volatile RuntimeException failure;

  TurnKeeper(Side first, Side second) {
    this.sides = List.of(first, second);
  }

  /** Ends the keeper's loop. */
  void stop() {
    stopped.set(true);
  }

  /**
   * Why the keeper stopped granting turns before both sides were over, or null. Its rounds were
   * then not alternated, so they are no measurement.
   */
  RuntimeException failure() {
    return failure;
  }

  @Override
  public void run() {
    try {
      alternate();
    } catch (RuntimeException e) {
      failure = e;
    }
  }

  private void alternate() {
    int due = 0;
    long dueSince = System.nanoTime();
    long readySince = 0;
    boolean ready = false;
    while (!stopped.get() && !(sides.get(0).over.get() && sides.get(1).over.get())) {
      Side mine = sides.get(due);
      Side other = sides.get(1 - due);
      Optional<String> request = mine.waiting();
      if (request.isPresent()) {
        if (!ready) {
          ready = true;
          readySince = System.nanoTime();
        }
        if (mine.warmup(request.get())
            || idle(other)
            || System.nanoTime() - readySince > SETTLE.toNanos()) {
          grant(mine, request.get(), other);
          due = 1 - due;
          dueSince = System.nanoTime();
          ready = false;
        } else {
          pause(); // the other side is between rounds: let it finish first
        }
        continue;
      }
      boolean patienceOver = mine.over.get() || System.nanoTime() - dueSince > GRACE.toNanos();
      Optional<String> instead = patienceOver ? other.waiting() : Optional.empty();
      if (instead.isPresent()) {
        grant(other, instead.get(), mine);
      } else {
        pause();
      }
    }
  }

  /** Whether the side waits for a turn (or has ended), doing nothing a round would compete with. */
  private static boolean idle(Side side) {
    return side.over.get() || side.waiting().isPresent();
  }

  /** Grants {@code side} its round, with {@code other} frozen for the round if it is waiting. */
  private void grant(Side side, String round, Side other) {
    ProcessHandle otherJvm = other.jvm;
    try (PausedJvm frozen =
        otherJvm != null && !other.over.get() && other.waiting().isPresent()
            ? PausedJvm.pause(otherJvm)
            : null) {
      if (frozen != null) {
        side.pausedRounds++;
      }
      runRound(side, round);
    }
  }

  /** Lets {@code side} measure {@code round} and waits until it is over. */
  private void runRound(Side side, String round) {
    Path done = side.dir.resolve(round + ".done");
    try {
      Files.createFile(side.dir.resolve(round + ".go"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    side.rounds++;
    long deadline = System.nanoTime() + MAX_ROUND.toNanos();
    long sleep = POLL_MILLIS;
    while (!Files.exists(done)
        && !side.over.get()
        && !stopped.get()
        && System.nanoTime() - deadline < 0) {
      // Every wake-up of this thread takes a core from a worker of the round for a moment: polled
      // each millisecond, the round's workers waited for a core 5-15 % of their time with nothing
      // else running (their run-queue wait, waitRounds). A slower poll costs only idle time.
      sleep(sleep);
      sleep = Math.min(ROUND_POLL_MAX_MILLIS, 2 * sleep);
    }
  }

  /**
   * Waits for the next poll. Interrupted, the keeper gives up (see {@link #failure()}): with the
   * flag kept, every later sleep would fail at once and the loop would spin on a CPU that the round
   * it measures needs.
   */
  private static void pause() {
    sleep(POLL_MILLIS);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("the turn keeper was interrupted", e);
    }
  }
}
