package io.pdslab.grader.grade;

import io.pdslab.grader.run.MethodResult;
import io.pdslab.harness.perf.Median;
import io.pdslab.harness.perf.PerfComparison;
import io.pdslab.harness.testrun.TestId;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoublePredicate;

/**
 * Turns what performance tests published in two JVMs that took turns round by round (see {@link
 * PerfRun}) into student/reference ratios, in the parent. Each test publishes, for each measured
 * round after its warm-up, the throughput ({@code rounds}) and the workers' CPU time per operation
 * ({@code cpuRounds}); see {@code io.pdslab.harness.perf.PerfComparison}.
 */
final class PerfMeasurements {
  /** The entry holding each measured round's throughput, space-separated. */
  static final String ROUNDS = "rounds";

  /** The entry holding each measured round's CPU time per operation, space-separated. */
  static final String CPU_ROUNDS = "cpuRounds";

  /** The entry holding each measured round's share of run-queue wait, space-separated. */
  static final String WAIT_ROUNDS = PerfComparison.WAIT_ROUNDS;

  /**
   * The median share of their time a check's workers may wait for a core, on either side, for the
   * ratio to count. Above it, other work shared the cores so much that two workers rarely ran at
   * once, and contention, which is what a slow design pays for, hardly happened: a striped set
   * behind one global lock measured 0.40-0.45 of the reference with the machine to itself (waits
   * 0.04-0.19) and 0.97 beside one busy process (waits 0.4-0.7).
   */
  static final double BUSY_WAIT = 0.3;

  /**
   * A ratio of paired rounds. The scored value compares CPU time per operation, not wall time: a
   * round's wall time on a shared machine mostly says how long the workers waited for a core
   * (rounds of one run differ 100x), while the CPU time they spent per operation is what the code
   * costs: it grows with contention, spinning and cache misses, and not with other people's load.
   * Paired rounds ran one right after the other (the sides alternate strictly), so each quotient
   * compares two rounds under the same load; rounds of one side fall into regimes 10x apart
   * (whether both workers got a core at once, a burst of load), and a quantile of each side's
   * rounds taken apart compares regimes, not code: on the reference against itself, lower quartiles
   * gave 0.17 where the paired median gave 1.01.
   *
   * @param value the median over paired rounds of the reference's CPU time per operation over the
   *     student's (above 1: the student is cheaper); the throughput ratio where CPU time is unknown
   * @param studentNanos the student's median CPU time per operation, NaN when unknown
   * @param referenceNanos the reference's median CPU time per operation, NaN when unknown
   * @param referenceMeasured false when the reference produced no measurement
   * @param throughputRatio the median over paired rounds of the student's throughput over the
   *     reference's; shown, not scored
   * @param waitShare the larger of the two sides' median run-queue wait share (0 where unknown)
   */
  record Ratio(
      double value,
      double studentNanos,
      double referenceNanos,
      boolean referenceMeasured,
      double throughputRatio,
      double waitShare) {
    /** Whether the machine was too busy for this ratio to tell a slow design from a fast one. */
    boolean busy() {
      return waitShare > BUSY_WAIT;
    }

    String describe() {
      return String.format(
          Locale.ROOT,
          "%.1f ns of CPU time per operation against %.1f ns; wall-clock throughput ratio %.2f;"
              + " workers waited for a core %.0f %% of their time",
          studentNanos,
          referenceNanos,
          throughputRatio,
          100 * waitShare);
    }
  }

  private PerfMeasurements() {}

  /**
   * The ratio of every performance test the student's JVM measured.
   *
   * @param student results of the submission's run
   * @param reference results of the reference's run, whose rounds alternated with the student's
   */
  static Map<TestId, Ratio> ratios(
      Map<TestId, MethodResult> student, Map<TestId, MethodResult> reference) {
    Map<TestId, Ratio> out = new LinkedHashMap<>();
    for (Map.Entry<TestId, MethodResult> e : student.entrySet()) {
      double[] mine = rounds(e.getValue(), ROUNDS);
      if (mine.length == 0) {
        continue;
      }
      double[] ref = rounds(reference.get(e.getKey()), ROUNDS);
      if (ref.length == 0) {
        out.put(e.getKey(), new Ratio(Double.NaN, Double.NaN, Double.NaN, false, Double.NaN, 0));
        continue;
      }
      double throughput = pairedMedian(mine, ref);
      double wait = Math.max(waitShare(e.getValue()), waitShare(reference.get(e.getKey())));
      double[] refCpu = rounds(reference.get(e.getKey()), CPU_ROUNDS);
      double[] mineCpu = rounds(e.getValue(), CPU_ROUNDS);
      if (refCpu.length == 0 || mineCpu.length == 0) {
        out.put(e.getKey(), new Ratio(throughput, Double.NaN, Double.NaN, true, throughput, wait));
      } else {
        out.put(
            e.getKey(),
            new Ratio(
                pairedMedian(refCpu, mineCpu),
                Median.of(mineCpu),
                Median.of(refCpu),
                true,
                throughput,
                wait));
      }
    }
    return out;
  }

  /**
   * The median of {@code a[i] / b[i]} over the rounds both have. Round i of one side ran right
   * before or after round i of the other, under the same load, so each quotient compares like with
   * like; the median then drops the pairs a burst of load hit on one side only.
   */
  static double pairedMedian(double[] a, double[] b) {
    int n = Math.min(a.length, b.length);
    double[] q = new double[n];
    for (int i = 0; i < n; i++) {
      q[i] = a[i] / b[i];
    }
    return Median.of(q);
  }

  /** The rounds a passed test published; none if it failed or published nothing usable. */
  static double[] rounds(MethodResult r, String key) {
    return values(r, key, x -> x > 0 && Double.isFinite(x));
  }

  /** The values a passed test published under {@code key}; none if any is unparsable or invalid. */
  private static double[] values(MethodResult r, String key, DoublePredicate valid) {
    if (r == null || !r.passed() || r.entries().get(key) == null) {
      return new double[0];
    }
    try {
      double[] xs =
          Arrays.stream(r.entries().get(key).trim().split("\\s+"))
              .mapToDouble(Double::parseDouble)
              .toArray();
      return Arrays.stream(xs).allMatch(valid) ? xs : new double[0];
    } catch (NumberFormatException e) {
      return new double[0];
    }
  }

  /** The median share of run-queue wait over a side's rounds; 0 where it was not measured. */
  static double waitShare(MethodResult r) {
    double[] xs = values(r, WAIT_ROUNDS, x -> x >= 0 && x <= 1);
    return xs.length > 0 ? Median.of(xs) : 0;
  }
}
