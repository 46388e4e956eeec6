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

  private static final long POLL_MILLIS = 1;

  /** One JVM's turns folder, and whether its run is over. */
  static final class Side {
    final Path dir;
    final AtomicBoolean over = new AtomicBoolean();
    int rounds;

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
    while (!stopped.get() && !(sides.get(0).over.get() && sides.get(1).over.get())) {
      Side mine = sides.get(due);
      Side other = sides.get(1 - due);
      Optional<String> request = mine.waiting();
      if (request.isPresent()) {
        grant(mine, request.get());
        due = 1 - due;
        dueSince = System.nanoTime();
        continue;
      }
      boolean patienceOver = mine.over.get() || System.nanoTime() - dueSince > GRACE.toNanos();
      Optional<String> instead = patienceOver ? other.waiting() : Optional.empty();
      if (instead.isPresent()) {
        grant(other, instead.get());
      } else {
        pause();
      }
    }
  }

  private void grant(Side side, String round) {
    Path done = side.dir.resolve(round + ".done");
    try {
      Files.createFile(side.dir.resolve(round + ".go"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    side.rounds++;
    long deadline = System.nanoTime() + MAX_ROUND.toNanos();
    while (!Files.exists(done)
        && !side.over.get()
        && !stopped.get()
        && System.nanoTime() - deadline < 0) {
      pause();
    }
  }

  private static void pause() {
    try {
      Thread.sleep(POLL_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
