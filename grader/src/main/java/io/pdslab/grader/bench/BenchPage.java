package io.pdslab.grader.bench;

import java.util.List;
import java.util.Optional;

/**
 * What one benchmark page shows.
 *
 * @param title the heading
 * @param results JMH's rows
 * @param machine the machine they ran on, if known
 * @param limits the machine's limits measured in the same run, if any: each throughput is then also
 *     shown as a fraction of its limit
 * @param longerRun what to tell the reader to run when a result is too noisy to mean anything, e.g.
 *     {@code --settings long}
 * @param warnings what the run itself noticed about the machine (e.g. a hardware limit that moved
 *     between rounds), shown above the results
 * @param ratios each implementation's ratio to its JDK peer, round by round (empty for one round)
 */
public record BenchPage(
    String title,
    List<BenchResult> results,
    Optional<MachineInfo> machine,
    Optional<HardwareLimits> limits,
    String longerRun,
    List<String> warnings,
    List<RoundRatios.Ratio> ratios) {
  /** A page with only the results. */
  public static BenchPage of(String title, List<BenchResult> results) {
    return new BenchPage(
        title,
        results,
        Optional.empty(),
        Optional.empty(),
        "--settings long",
        List.of(),
        List.of());
  }

  /** The results whose 99.9% confidence interval is wider than their score. */
  public List<BenchResult> noisy() {
    return results.stream().filter(BenchPage::noisy).toList();
  }

  /** Whether {@code r}'s 99.9% confidence half-width exceeds its score. */
  static boolean noisy(BenchResult r) {
    return !Double.isNaN(r.error()) && r.error() > Math.abs(r.score());
  }
}
