package io.pdslab.grader.build;

import io.pdslab.grader.manifest.LabManifest.PerformanceCheck;
import io.pdslab.harness.testrun.TestId;

/**
 * One graded test method, expanded from the manifest.
 *
 * @param id the test method (its class fully qualified)
 * @param part the part's id, or {@code perf} for a performance check
 * @param points the points it is worth (a class entry's points are shared by its methods)
 * @param hidden whether students cannot see it
 * @param performance for a performance check, its manifest entry (bounds of the ratio); otherwise
 *     null
 * @param bonus whether its points come on top of the maximum score (a bonus part's test)
 */
public record GradedTest(
    TestId id,
    String part,
    double points,
    boolean hidden,
    PerformanceCheck performance,
    boolean bonus) {
  /** The part id used for performance checks. */
  public static final String PERFORMANCE = "perf";

  /** A test that counts toward the maximum score. */
  public GradedTest(
      TestId id, String part, double points, boolean hidden, PerformanceCheck performance) {
    this(id, part, points, hidden, performance, false);
  }

  /** The points a student/reference throughput ratio earns on this performance check. */
  public double performancePoints(double ratio) {
    return performance.score(ratio) * points / performance.points();
  }
}
