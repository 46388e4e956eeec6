package io.pdslab.grader.grade;

import io.pdslab.grader.run.MethodResult;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Turns what performance tests published in two JVMs that took turns round by round (see {@link
 * PerfRun}) into student/reference ratios, in the parent. Each test publishes {@code rounds}: the
 * throughput (operations per second) of each measured round, after its warm-up (see {@code
 * io.pdslab.harness.perf.PerfComparison}).
 */
final class PerfMeasurements {
  /** The entry holding each measured round's throughput, space-separated. */
  static final String ROUNDS = "rounds";

  /** The entry holding each measured round's CPU time per operation, space-separated. */
  static final String CPU_ROUNDS = "cpuRounds";

  /**
   * A ratio of paired rounds.
   *
   * @param value the median over paired rounds of the student's throughput over the reference's
   * @param student the student's median round (ops/s)
   * @param reference the reference's median round (ops/s)
   * @param referenceMeasured false when the reference produced no measurement
   * @param cpuRatio the median over paired rounds of the reference's CPU time per operation over
   *     the student's (above 1: the student spends less CPU per operation), NaN when unknown;
   *     shown, not scored
   */
  record Ratio(
      double value, double student, double reference, boolean referenceMeasured, double cpuRatio) {
    String describe() {
      return String.format(
          Locale.ROOT, "%s ops/s against %s ops/s", human(student), human(reference));
    }

    private static String human(double opsPerSec) {
      return opsPerSec >= 1e6
          ? String.format(Locale.ROOT, "%.2f M", opsPerSec / 1e6)
          : String.format(Locale.ROOT, "%.0f k", opsPerSec / 1e3);
    }
  }

  private PerfMeasurements() {}

  /**
   * The ratio of every performance test the student's JVM measured.
   *
   * @param student results of the submission's run
   * @param reference results of the reference's run, whose rounds alternated with the student's
   */
  static Map<String, Ratio> ratios(
      Map<String, MethodResult> student, Map<String, MethodResult> reference) {
    Map<String, Ratio> out = new LinkedHashMap<>();
    for (Map.Entry<String, MethodResult> e : student.entrySet()) {
      double[] mine = rounds(e.getValue(), ROUNDS);
      if (mine.length == 0) {
        continue;
      }
      double[] ref = rounds(reference.get(e.getKey()), ROUNDS);
      if (ref.length == 0) {
        out.put(e.getKey(), new Ratio(Double.NaN, median(mine), Double.NaN, false, Double.NaN));
        continue;
      }
      double[] refCpu = rounds(reference.get(e.getKey()), CPU_ROUNDS);
      double[] mineCpu = rounds(e.getValue(), CPU_ROUNDS);
      double cpuRatio =
          refCpu.length == 0 || mineCpu.length == 0 ? Double.NaN : pairedMedian(refCpu, mineCpu);
      out.put(
          e.getKey(),
          new Ratio(pairedMedian(mine, ref), median(mine), median(ref), true, cpuRatio));
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
    return median(q);
  }

  /** The rounds a passed test published; none if it failed or published nothing usable. */
  static double[] rounds(MethodResult r, String key) {
    if (r == null || !r.passed() || r.entries().get(key) == null) {
      return new double[0];
    }
    try {
      double[] xs =
          Arrays.stream(r.entries().get(key).trim().split("\\s+"))
              .mapToDouble(Double::parseDouble)
              .toArray();
      return Arrays.stream(xs).allMatch(x -> x > 0 && Double.isFinite(x)) ? xs : new double[0];
    } catch (NumberFormatException e) {
      return new double[0];
    }
  }

  static double median(double[] xs) {
    double[] sorted = xs.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }
}
