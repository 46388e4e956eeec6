package io.pdslab.grader.bench;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * This machine's limits for concurrent structures, measured by {@code pdslab bench calibrate}
 * (benchmarks {@code io.pdslab.bench.calibrate.HardwareLimits}): one thread's uncontended
 * compare-and-set, and the cross-core hand-off of one cache line.
 *
 * @param cas the uncontended CAS result (operations per time unit of its row)
 * @param handoff the cache-line hand-off result (hand-offs per time unit of its row)
 */
public record HardwareLimits(BenchResult cas, BenchResult handoff) {
  /** The suite that measures the limits. */
  public static final String SUITE = "calibrate";

  /** JMH's name of the uncontended-CAS benchmark. */
  public static final String CAS = "io.pdslab.bench.calibrate.HardwareLimits.cas";

  /** JMH's name of the ping-pong group benchmark. */
  public static final String HANDOFF = "io.pdslab.bench.calibrate.HardwareLimits.handoff";

  /**
   * One JMH run of the calibration: the benchmark (an include regex) and its thread count; the
   * hand-off is a group of two threads, the CAS runs alone.
   *
   * @param include JMH include regex
   * @param threads JMH {@code -t}
   */
  public record Run(String include, int threads) {}

  /** The JMH runs that measure the limits. */
  public static List<Run> runs() {
    return List.of(new Run(regex(CAS), 1), new Run(regex(HANDOFF), 2));
  }

  /** The limits among {@code results}, if both were measured (in throughput units). */
  public static Optional<HardwareLimits> find(List<BenchResult> results) {
    Optional<BenchResult> cas = first(results, CAS);
    Optional<BenchResult> handoff = first(results, HANDOFF);
    if (cas.isEmpty() || handoff.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new HardwareLimits(cas.get(), handoff.get()));
  }

  /**
   * How far apart two rounds' hand-off times may be before a benchmarker should be told: on a
   * virtual machine the two cores can move between rounds, and the limit with them.
   */
  static final double DRIFT_WARNING = 2.0;

  /**
   * A warning when the hand-off time measured in each round ({@code nanosPerRound}) moved by more
   * than {@link #DRIFT_WARNING}× within one run, else empty.
   */
  public static Optional<String> driftWarning(List<Double> nanosPerRound) {
    if (nanosPerRound.size() < 2) {
      return Optional.empty();
    }
    double min = nanosPerRound.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
    double max = nanosPerRound.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    if (!(min > 0) || max / min <= DRIFT_WARNING) {
      return Optional.empty();
    }
    return Optional.of(
        String.format(
            Locale.ROOT,
            "warning: the hand-off limit moved %.1f× between rounds (the machine's cores or their"
                + " neighbours changed during the run): fractions of it are not comparable between"
                + " rounds, and multi-thread ratios vary with it; run again on a quiet machine",
            max / min));
  }

  /** Whether {@code r} is one of the calibration rows. */
  public static boolean isLimit(BenchResult r) {
    return r.benchmark().equals(CAS) || r.benchmark().equals(HANDOFF);
  }

  /**
   * The limit a result is compared with: one thread is bounded by the uncontended CAS, several
   * threads sharing a structure by the hand-off of its contended cache lines.
   */
  public BenchResult limitFor(BenchResult r) {
    return r.threads() <= 1 ? cas : handoff;
  }

  /**
   * {@code r}'s throughput as a fraction of its limit, or NaN when the units differ or {@code r} is
   * not a throughput.
   */
  public double fraction(BenchResult r) {
    BenchResult limit = limitFor(r);
    HumanUnit unit = HumanUnit.of(r.unit());
    HumanUnit limitUnit = HumanUnit.of(limit.unit());
    if (!unit.throughput() || !limitUnit.throughput() || limit.score() <= 0) {
      return Double.NaN;
    }
    return unit.toHuman(r.score()) / limitUnit.toHuman(limit.score());
  }

  private static Optional<BenchResult> first(List<BenchResult> results, String name) {
    return results.stream().filter(r -> r.benchmark().equals(name)).findFirst();
  }

  private static String regex(String benchmark) {
    return "^" + benchmark.replace(".", "\\.") + "$";
  }
}
