package io.pdslab.harness.perf;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;
import org.junit.jupiter.api.TestReporter;

/**
 * Measures a student's implementation against the reference in the same JVM, in interleaved rounds
 * (student, reference, reference, student, ...) so that JIT warm-up, frequency scaling and noisy
 * neighbours hit both alike. The result is a throughput ratio; graded checks publish it and never
 * fail on slowness (CONTRACTS §6).
 *
 * <pre>{@code
 * Result r = PerfComparison.builder("queue enq/deq").threads(2).opsPerThread(200_000).build()
 *     .compare(() -> trialOn(new MichaelScottQueue<>()), () -> trialOn(reference()));
 * r.publish(reporter);
 * }</pre>
 */
public final class PerfComparison {
  /**
   * One round's work on a fresh instance: each worker calls {@link #run} once with its index and
   * its operation count; the trial must check what it can (a wrong result fails the test).
   */
  @FunctionalInterface
  public interface Trial {
    /** Performs {@code ops} operations on worker {@code thread}. */
    void run(int thread, int ops) throws Exception;
  }

  /**
   * The outcome of a comparison.
   *
   * @param name what was measured
   * @param studentOpsPerSec student throughput, operations per second over all threads (median of
   *     the measured rounds)
   * @param referenceOpsPerSec reference throughput (median of the measured rounds)
   * @param ratio the median, over measured rounds, of student over reference throughput in the same
   *     round: above 1 means faster than the reference. Pairing the two runs of a round cancels
   *     load that changes between rounds, which a ratio of medians does not.
   */
  public record Result(
      String name, double studentOpsPerSec, double referenceOpsPerSec, double ratio) {

    /**
     * Publishes {@code ratio} (two decimals, what the grader scores) and both throughputs through
     * JUnit's reporter.
     */
    public void publish(TestReporter reporter) {
      reporter.publishEntry("ratio", String.format(Locale.ROOT, "%.2f", ratio()));
      reporter.publishEntry(
          "student.opsPerSec", String.format(Locale.ROOT, "%.0f", studentOpsPerSec));
      reporter.publishEntry(
          "reference.opsPerSec", String.format(Locale.ROOT, "%.0f", referenceOpsPerSec));
      reporter.publishEntry("reference.separate", Boolean.toString(ReferenceClasses.configured()));
    }
  }

  private final String name;
  private final int threads;
  private final int opsPerThread;
  private final int warmupRounds;
  private final int rounds;
  private final Duration timeout;

  private PerfComparison(Builder b) {
    this.name = b.name;
    this.threads = b.threads;
    this.opsPerThread = b.opsPerThread;
    this.warmupRounds = b.warmupRounds;
    this.rounds = b.rounds;
    this.timeout = b.timeout;
  }

  /** A comparison named {@code name} with default settings (2 threads, 3 + 5 rounds). */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /**
   * Runs warm-up and measured rounds of both implementations, alternating which goes first.
   *
   * @param student makes a fresh trial of the student's implementation for each round
   * @param reference makes a fresh trial of the reference for each round
   */
  public Result compare(Supplier<Trial> student, Supplier<Trial> reference) {
    double[] s = new double[rounds];
    double[] r = new double[rounds];
    for (int round = 0; round < warmupRounds + rounds; round++) {
      boolean studentFirst = round % 2 == 0;
      double a = round(studentFirst ? student : reference, studentFirst ? "student" : "reference");
      double b = round(studentFirst ? reference : student, studentFirst ? "reference" : "student");
      if (round >= warmupRounds) {
        s[round - warmupRounds] = studentFirst ? a : b;
        r[round - warmupRounds] = studentFirst ? b : a;
      }
    }
    return result(name, s, r);
  }

  /**
   * The result of measured rounds: round {@code i} measured {@code student[i]} and {@code ref[i]}.
   */
  static Result result(String name, double[] student, double[] reference) {
    double[] paired = new double[student.length];
    for (int i = 0; i < paired.length; i++) {
      paired[i] = student[i] / reference[i];
    }
    return new Result(name, median(student), median(reference), median(paired));
  }

  private double round(Supplier<Trial> factory, String who) {
    Trial trial = factory.get();
    long nanos = Workers.run(name + "-" + who, threads, timeout, i -> trial.run(i, opsPerThread));
    return (double) threads * opsPerThread / Math.max(1, nanos) * 1e9;
  }

  private static double median(double[] xs) {
    double[] sorted = xs.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  /** Settings of a {@link PerfComparison}. */
  public static final class Builder {
    private final String name;
    private int threads = 2;
    private int opsPerThread = 100_000;
    private int warmupRounds = 3;
    private int rounds = 5;
    private Duration timeout = Duration.ofSeconds(30);

    private Builder(String name) {
      this.name = name;
    }

    /** Worker threads per round. */
    public Builder threads(int threads) {
      this.threads = positive(threads, "threads");
      return this;
    }

    /** Operations each worker performs per round. */
    public Builder opsPerThread(int ops) {
      this.opsPerThread = positive(ops, "opsPerThread");
      return this;
    }

    /** Unmeasured rounds per implementation, for JIT warm-up. */
    public Builder warmupRounds(int rounds) {
      if (rounds < 0) {
        throw new IllegalArgumentException("warmupRounds must be >= 0");
      }
      this.warmupRounds = rounds;
      return this;
    }

    /** Measured rounds per implementation; the median is reported. */
    public Builder rounds(int rounds) {
      this.rounds = positive(rounds, "rounds");
      return this;
    }

    /** Time limit of one round; exceeding it fails with a thread dump. */
    public Builder timeout(Duration timeout) {
      this.timeout = timeout;
      return this;
    }

    /** The comparison. */
    public PerfComparison build() {
      return new PerfComparison(this);
    }

    private static int positive(int v, String what) {
      if (v < 1) {
        throw new IllegalArgumentException(what + " must be >= 1");
      }
      return v;
    }
  }
}
