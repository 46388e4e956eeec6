package io.pdslab.grader.grade;

import io.pdslab.grader.run.MethodResult;
import io.pdslab.harness.testrun.TestId;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns what performance tests published in separate JVMs into student/reference ratios, in the
 * parent. Each test publishes {@code rounds}: the throughput (operations per second) of each
 * measured round, after its warm-up (see {@code io.pdslab.harness.perf.PerfComparison}).
 */
final class PerfMeasurements {
  /** The entry holding each measured round's throughput, space-separated. */
  static final String ROUNDS = "rounds";

  /** The entry holding the median CPU time per operation of the workers. */
  static final String CPU_NS_PER_OP = "cpuNsPerOp";

  /**
   * A ratio of best rounds.
   *
   * @param value the student's best throughput over the reference's
   * @param student the student's best round (ops/s)
   * @param reference the median over the reference runs of each run's best round (ops/s)
   * @param referenceMeasured false when no reference run produced a measurement
   * @param cpuRatio the reference's CPU time per operation over the student's (above 1: the student
   *     spends less CPU per operation), NaN when unknown; shown, not scored (yet)
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
   * @param references results of each reference run
   */
  static Map<TestId, Ratio> ratios(
      Map<TestId, MethodResult> student, List<Map<TestId, MethodResult>> references) {
    Map<TestId, Ratio> out = new LinkedHashMap<>();
    for (Map.Entry<TestId, MethodResult> e : student.entrySet()) {
      double[] mine = rounds(e.getValue());
      if (mine.length == 0) {
        continue;
      }
      double s = best(mine);
      double[] refBests =
          references.stream()
              .map(ref -> rounds(ref.get(e.getKey())))
              .filter(xs -> xs.length > 0)
              .mapToDouble(PerfMeasurements::best)
              .toArray();
      if (refBests.length == 0) {
        out.put(e.getKey(), new Ratio(Double.NaN, s, Double.NaN, false, Double.NaN));
        continue;
      }
      double r = median(refBests);
      double[] refCpu =
          references.stream()
              .mapToDouble(ref -> cpuNsPerOp(ref.get(e.getKey())))
              .filter(x -> x > 0)
              .toArray();
      double mineCpu = cpuNsPerOp(e.getValue());
      double cpuRatio = refCpu.length == 0 || mineCpu <= 0 ? Double.NaN : median(refCpu) / mineCpu;
      out.put(e.getKey(), new Ratio(s / r, s, r, true, cpuRatio));
    }
    return out;
  }

  /**
   * A run's best round. Other load on the machine only ever slows a round down (a preempted lock
   * holder can cost a spin lock 10x), so the fastest round is the least disturbed estimate of what
   * the code can do; medians moved by up to 10x between JVMs on a shared 2-core machine.
   */
  static double best(double[] rounds) {
    return Arrays.stream(rounds).max().orElse(Double.NaN);
  }

  /** The rounds a passed test published; none if it failed or published nothing usable. */
  static double[] rounds(MethodResult r) {
    if (r == null || !r.passed() || r.entries().get(ROUNDS) == null) {
      return new double[0];
    }
    try {
      double[] xs =
          Arrays.stream(r.entries().get(ROUNDS).trim().split("\\s+"))
              .mapToDouble(Double::parseDouble)
              .toArray();
      return Arrays.stream(xs).allMatch(x -> x > 0 && Double.isFinite(x)) ? xs : new double[0];
    } catch (NumberFormatException e) {
      return new double[0];
    }
  }

  private static double cpuNsPerOp(MethodResult r) {
    if (r == null || r.entries().get(CPU_NS_PER_OP) == null) {
      return Double.NaN;
    }
    try {
      return Double.parseDouble(r.entries().get(CPU_NS_PER_OP));
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  static double median(double[] xs) {
    double[] sorted = xs.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }
}
