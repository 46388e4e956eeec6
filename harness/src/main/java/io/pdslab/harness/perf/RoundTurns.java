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
 * {@value #PROPERTY} (the sandbox lets the child write only its work folder): before its N-th round
 * the JVM creates {@code JVM-N.want} (after {@code JVM-N.warmup} if the round is surely a warm-up
 * round, which the keeper may run beside the other side's work) and waits for {@code JVM-N.go};
 * after it, it creates {@code JVM-N.done}. {@code JVM} is a name the JVM claims in the folder when
 * it first takes a turn: not its process id, which is the same (2) in every sandbox, so a JVM
 * started after another died would reuse the dead one's file names. Without the property, rounds
 * run back to back.
 */
final class RoundTurns {
  /** System property naming the folder shared with the grader's turn keeper. */
  static final String PROPERTY = PdslabProperties.PERF_TURNS;

  /** Longest wait for a turn; past it the round runs anyway (the keeper is gone or stuck). */
  static final Duration MAX_WAIT = Duration.ofSeconds(120);

  private static final AtomicLong ROUND = new AtomicLong();
  private static String jvmName; // guarded by RoundTurns.class

  private final Path dir;

  private RoundTurns(Path dir) {
    this.dir = dir;
  }

  /** The turns this JVM takes, if the grader asked for turns. */
  static Optional<RoundTurns> fromSystemProperty() {
    String d = System.getProperty(PROPERTY);
    return d == null || d.isBlank() ? Optional.empty() : Optional.of(new RoundTurns(Path.of(d)));
  }

  /**
   * Waits for the next turn; returns the handle to close when the round is over.
   *
   * @param warmup whether the round will not be measured, whatever happens
   */
  Turn await(boolean warmup) {
    String name = jvmName(dir) + "-" + ROUND.getAndIncrement();
    if (warmup) {
      touch(dir.resolve(name + ".warmup"));
    }
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

  /** This JVM's name in the turns folder, unique there: claimed by creating a file. */
  private static synchronized String jvmName(Path dir) {
    if (jvmName == null) {
      try {
        Path claim = Files.createTempFile(dir, "jvm", ".name");
        String file = claim.getFileName().toString();
        jvmName = file.substring(0, file.length() - ".name".length());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot take turns in " + dir + ": " + e.getMessage(), e);
      }
    }
    return jvmName;
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
