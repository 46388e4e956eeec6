package io.pdslab.grader.build;

import io.pdslab.grader.manifest.LabManifest.PerformanceCheck;

/**
 * One graded test method, expanded from the manifest.
 *
 * @param id {@code fully.qualified.TestClass#method}
 * @param part the part's id, or {@code perf} for a performance check
 * @param points the points it is worth (a class entry's points are shared by its methods)
 * @param hidden whether students cannot see it
 * @param performance for a performance check, its manifest entry (bounds of the ratio); otherwise
 *     null
 */
public record GradedTest(
    String id, String part, double points, boolean hidden, PerformanceCheck performance) {
  /** The part id used for performance checks. */
  public static final String PERFORMANCE = "perf";

  /** The simple class name and method, as in replay commands. */
  public String shortId() {
    int hash = id.indexOf('#');
    String cls = id.substring(0, hash);
    return cls.substring(cls.lastIndexOf('.') + 1) + id.substring(hash);
  }

  /** The fully qualified test class. */
  public String className() {
    return id.substring(0, id.indexOf('#'));
  }

  /** The points a student/reference throughput ratio earns on this performance check. */
  public double performancePoints(double ratio) {
    return performance.score(ratio) * points / performance.points();
  }
}
