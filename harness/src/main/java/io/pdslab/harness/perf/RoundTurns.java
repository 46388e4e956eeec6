package io.pdslab.harness.perf;

import io.pdslab.harness.testrun.PdslabProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Rounds taken in turns with another JVM. The grader starts the student's and the reference's
 * performance JVMs at the same time, both warm and alive for the whole run, and lets them measure
 * one round each in alternation: the two sides then see the same load, and neither's round competes
 * for the cores with the other's. The protocol is files in a folder named by the system property
 * {@value #PROPERTY} (the sandbox lets the child write only its work folder): before a round the
 * JVM creates {@code PID-N.want} and waits for {@code PID-N.go}; after it, it creates {@code
 * PID-N.done}. Without the property, rounds run back to back.
 */
final class RoundTurns {
  /** System property naming the folder shared with the grader's turn keeper. */
  static final String PROPERTY = PdslabProperties.PERF_TURNS;

  /** Longest wait for a turn; past it the round runs anyway (the keeper is gone or stuck). */
  static final Duration MAX_WAIT = Duration.ofSeconds(120);

  private static final AtomicLong ROUND = new AtomicLong();
  private static final long PID = ProcessHandle.current().pid();

  private final Path dir;

  private RoundTurns(Path dir) {
    this.dir = dir;
  }

  /** The turns this JVM takes, if the grader asked for turns. */
  static Optional<RoundTurns> fromSystemProperty() {
    String d = System.getProperty(PROPERTY);
    return d == null || d.isBlank() ? Optional.empty() : Optional.of(new RoundTurns(Path.of(d)));
  }

  /** Waits for the next turn; returns the handle to close when the round is over. */
  Turn await() {
    String name = PID + "-" + ROUND.getAndIncrement();
    touch(dir.resolve(name + ".want"));
    Path go = dir.resolve(name + ".go");
    long deadline = System.nanoTime() + MAX_WAIT.toNanos();
    // Sleeping, not spinning: the other side's round needs both cores.
    while (!Files.exists(go) && System.nanoTime() - deadline < 0) {
      try {
        Thread.sleep(1);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return () -> touch(dir.resolve(name + ".done"));
  }

  /** A granted turn. */
  interface Turn extends AutoCloseable {
    /** Tells the keeper this round is over. */
    @Override
    void close();
  }

  private static void touch(Path p) {
    try {
      Files.createFile(p);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot take turns through " + p + ": " + e.getMessage(), e);
    }
  }
}
