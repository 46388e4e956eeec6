package io.pdslab.harness.perf;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.TestReporter;

/**
 * One side of a student-versus-reference throughput comparison. A graded performance test measures
 * whatever implementation its class path holds; the grader runs the same test in the student's JVM
 * and, at the same time, in a JVM holding only the reference and the tests; the two take turns
 * round by round (see {@link RoundTurns}) and the grader divides paired rounds itself. So both
 * sides are loaded, warmed up and measured alike under the same load, and the student's JVM never
 * holds the reference. Checks publish their rounds and never fail on slowness (CONTRACTS §6); a
 * trial that finds a wrong result fails the test.
 *
 * <pre>{@code
 * PerfComparison.builder("queue enq/deq").threads(2).opsPerThread(200_000).build()
 *     .measure(() -> trialOn(new MichaelScottQueue<>()))
 *     .publish(reporter);
 * }</pre>
 */
public final class PerfComparison {
  /**
   * Reporting entry: each measured round's throughput in operations per second, space-separated.
   */
  public static final String ROUNDS = "rounds";

  /** Reporting entry: the median throughput in operations per second. */
  public static final String OPS_PER_SEC = "opsPerSec";

  /** Reporting entry: the median CPU time the workers spent per operation, in nanoseconds. */
  public static final String CPU_NS_PER_OP = "cpuNsPerOp";

  /**
   * Reporting entry: the workers' CPU time per operation in each measured round, nanoseconds,
   * space-separated (absent where the JVM cannot measure thread CPU time).
   */
  public static final String CPU_ROUNDS = "cpuRounds";

  /**
   * Reporting entry: in each measured round, the share of the workers' time they spent waiting for
   * a core while runnable (0: each worker had a core whenever it could run), space-separated;
   * absent where the JVM cannot read it. The grader scores only rounds that no other work
   * disturbed.
   */
  public static final String WAIT_ROUNDS = "waitRounds";

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
   * What was measured.
   *
   * @param name what was measured
   * @param opsPerSec throughput of each measured round, operations per second over all threads
   * @param cpuNanosPerOp CPU time of the workers per operation in each measured round, or empty if
   *     this JVM cannot measure thread CPU time
   * @param waitShare in each measured round, the workers' run-queue wait over their total time
   *     (threads times the round's wall time), or empty if this JVM cannot read it
   */
  public record Measurement(
      String name, double[] opsPerSec, double[] cpuNanosPerOp, double[] waitShare) {
    /** The median throughput. */
    public double medianOpsPerSec() {
      return Median.of(opsPerSec);
    }

    /**
     * Publishes {@value #ROUNDS} (what the grader compares), the median throughput and CPU time per
     * operation through JUnit's reporter.
     */
    public void publish(TestReporter reporter) {
      reporter.publishEntry(
          ROUNDS,
          Arrays.stream(opsPerSec)
              .mapToObj(x -> String.format(Locale.ROOT, "%.0f", x))
              .collect(Collectors.joining(" ")));
      reporter.publishEntry(OPS_PER_SEC, String.format(Locale.ROOT, "%.0f", medianOpsPerSec()));
      if (cpuNanosPerOp.length > 0) {
        reporter.publishEntry(
            CPU_NS_PER_OP, String.format(Locale.ROOT, "%.1f", Median.of(cpuNanosPerOp)));
        reporter.publishEntry(
            CPU_ROUNDS,
            Arrays.stream(cpuNanosPerOp)
                .mapToObj(x -> String.format(Locale.ROOT, "%.2f", x))
                .collect(Collectors.joining(" ")));
      }
      if (waitShare.length > 0) {
        reporter.publishEntry(
            WAIT_ROUNDS,
            Arrays.stream(waitShare)
                .mapToObj(x -> String.format(Locale.ROOT, "%.4f", x))
                .collect(Collectors.joining(" ")));
      }
    }
  }

  private final String name;
  private final int threads;
  private final int opsPerThread;

  /**
   * Warm-up goes on past {@code warmupRounds} while the JIT still compiles, up to this many times
   * as many rounds: on a loaded machine the compiler threads wait for a core too, and a round
   * measured half interpreted is 10x slower.
   */
  static final int MAX_WARMUP_FACTOR = 4;

  /** How long the JIT must finish nothing for a warm-up to count it settled. */
  static final Duration JIT_QUIET = Duration.ofMillis(200);

  /** Longest wait for the JIT to settle after one warm-up round. */
  static final Duration JIT_WAIT = Duration.ofSeconds(3);

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

  /**
   * The worker count that fits this machine: one per core, at least 2 (a concurrent structure needs
   * contention to show its design) and at most 4 (more rounds beat more threads on a shared box).
   */
  public static int fittingThreads() {
    return Math.max(2, Math.min(4, Runtime.getRuntime().availableProcessors()));
  }

  /**
   * A measurement named {@code name} with default settings ({@link #fittingThreads()} threads, 5 +
   * 9 rounds).
   */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /**
   * Runs the warm-up rounds (at least {@code warmupRounds}, more while the JIT is still compiling),
   * then the measured rounds, each on a fresh trial.
   *
   * @param implementation makes a fresh trial of the implementation under test for each round
   */
  public Measurement measure(Supplier<Trial> implementation) {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    boolean cpu = mx.isCurrentThreadCpuTimeSupported() && mx.isThreadCpuTimeEnabled();
    double[] throughput = new double[rounds];
    double[] cpuPerOp = new double[cpu ? rounds : 0];
    boolean waits = RunQueueWait.available();
    double[] waitShare = new double[waits ? rounds : 0];
    Optional<RoundTurns> turns = RoundTurns.fromSystemProperty();
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    boolean jitTimed = jit != null && jit.isCompilationTimeMonitoringSupported();
    int warmups = 0;
    int measured = 0;
    while (measured < rounds) {
      Trial trial = implementation.get();
      long compiledBefore = jitTimed ? jit.getTotalCompilationTime() : 0;
      AtomicLong cpuNanos = new AtomicLong();
      AtomicLong waitNanos = new AtomicLong();
      long nanos;
      try (RoundTurns.Turn turn =
          turns.isPresent() ? turns.get().await(warmups < warmupRounds) : () -> {}) {
        nanos =
            Workers.run(
                name,
                threads,
                timeout,
                i -> {
                  long before = cpu ? mx.getCurrentThreadCpuTime() : 0;
                  long waitedBefore = waits ? RunQueueWait.nanos() : 0;
                  trial.run(i, opsPerThread);
                  if (cpu) {
                    cpuNanos.addAndGet(mx.getCurrentThreadCpuTime() - before);
                  }
                  if (waits) {
                    waitNanos.addAndGet(RunQueueWait.nanos() - waitedBefore);
                  }
                });
      }
      boolean compiling = jitTimed && jit.getTotalCompilationTime() != compiledBefore;
      if (warmups < warmupRounds || (compiling && warmups < MAX_WARMUP_FACTOR * warmupRounds)) {
        warmups++;
        if (compiling) {
          awaitCompilerQuiet(jit);
        }
        continue;
      }
      double ops = (double) threads * opsPerThread;
      throughput[measured] = ops / Math.max(1, nanos) * 1e9;
      if (cpu) {
        cpuPerOp[measured] = cpuNanos.get() / ops;
      }
      if (waits) {
        waitShare[measured] =
            Math.min(1, waitNanos.get() / ((double) threads * Math.max(1, nanos)));
      }
      measured++;
    }
    return new Measurement(name, throughput, cpuPerOp, waitShare);
  }

  /**
   * Sleeps, outside any turn, until the JIT has finished no compilation for {@link #JIT_QUIET}, at
   * most {@link #JIT_WAIT}. On a loaded machine the compiler threads wait for a core like everyone
   * else, and warm-up rounds alone (milliseconds of work) end long before the optimizing compiler
   * does: a JVM whose hot loop is still in profiling code measures 3-10x more CPU per operation
   * than its twin on the other side, round after round.
   */
  private static void awaitCompilerQuiet(CompilationMXBean jit) {
    long deadline = System.nanoTime() + JIT_WAIT.toNanos();
    long last = jit.getTotalCompilationTime();
    long quietSince = System.nanoTime();
    while (System.nanoTime() - deadline < 0
        && System.nanoTime() - quietSince < JIT_QUIET.toNanos()) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      long now = jit.getTotalCompilationTime();
      if (now != last) {
        last = now;
        quietSince = System.nanoTime();
      }
    }
  }

  /** Settings of a {@link PerfComparison}. */
  public static final class Builder {
    private final String name;
    private int threads = fittingThreads();
    private int opsPerThread = 100_000;
    private int warmupRounds = 5;
    private int rounds = 9;
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

    /** Unmeasured rounds, for JIT warm-up. */
    public Builder warmupRounds(int rounds) {
      if (rounds < 0) {
        throw new IllegalArgumentException("warmupRounds must be >= 0");
      }
      this.warmupRounds = rounds;
      return this;
    }

    /** Measured rounds; the grader compares the best ones. */
    public Builder rounds(int rounds) {
      this.rounds = positive(rounds, "rounds");
      return this;
    }

    /** Time limit of one round; exceeding it fails with a thread dump. */
    public Builder timeout(Duration timeout) {
      this.timeout = timeout;
      return this;
    }

    /** The measurement. */
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
