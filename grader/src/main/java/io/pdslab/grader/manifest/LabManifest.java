package io.pdslab.grader.manifest;

import java.util.List;

/**
 * A lab's manifest, read from {@code labs/<lab>/lab.json}: its parts and the points of each test,
 * the files a student may edit, limits and performance thresholds.
 *
 * @param lab the lab's name, equal to its folder under {@code labs/}
 * @param title a one-line title
 * @param editable globs, relative to the lab folder, of the files a student may edit
 * @param parts the graded parts, in order
 * @param limits time and memory limits for grading
 * @param performance performance checks scored by ratio against the reference
 * @param cluster the lab's {@code io.pdslab.harness.cluster.ClusterApp} class for {@code pdslab
 *     cluster}, or null if the lab has no cluster mode
 * @param allowedApis APIs the lab's code may use on top of the grader's base list, in the syntax of
 *     {@code io.pdslab.grader.check.ApiRule} ({@code pkg.**}, {@code pkg.Class#member}, {@code
 *     !denied}); a submission naming anything else is rejected before it runs
 */
public record LabManifest(
    String lab,
    String title,
    List<String> editable,
    List<Part> parts,
    Limits limits,
    List<PerformanceCheck> performance,
    String cluster,
    List<String> allowedApis) {

  /** The maximum score: points over every part but the bonus ones, and every performance check. */
  public int totalPoints() {
    return parts.stream().filter(p -> !p.bonus()).mapToInt(Part::points).sum()
        + performance.stream().mapToInt(PerformanceCheck::points).sum();
  }

  /** Points of the bonus parts, earned on top of {@link #totalPoints()}. */
  public int bonusPoints() {
    return parts.stream().filter(Part::bonus).mapToInt(Part::points).sum();
  }

  /**
   * A graded part.
   *
   * @param id a short id such as {@code A}
   * @param title what the part is about
   * @param tests the graded test selections
   * @param bonus whether the part's points come on top of the maximum score: a submission that
   *     earns them scores more than the maximum; one that does not loses nothing
   */
  public record Part(String id, String title, List<TestEntry> tests, boolean bonus) {
    /** Points of the part as declared: each entry's points, once per entry. */
    public int points() {
      return tests.stream().mapToInt(TestEntry::points).sum();
    }
  }

  /**
   * A graded selection of tests.
   *
   * @param select {@code fully.qualified.TestClass} or {@code fully.qualified.TestClass#method}
   * @param points points for this selection
   * @param hidden whether the test is grader-only (lives in {@code src/hidden/java})
   */
  public record TestEntry(String select, int points, boolean hidden) {}

  /**
   * Grading limits.
   *
   * @param testTimeoutSeconds wall-clock limit for one test class
   * @param totalTimeoutSeconds wall-clock limit for the whole submission
   * @param heapMb heap cap of the child JVM
   */
  public record Limits(int testTimeoutSeconds, int totalTimeoutSeconds, int heapMb) {}

  /**
   * A performance check: the student's throughput over the reference's, each measured by the same
   * test in its own JVM. The points grow linearly from 0 at {@code minRatio} to all of them at
   * {@code fullRatio}.
   *
   * @param name what is measured
   * @param benchmark the test that measures it (it publishes {@code opsPerSec})
   * @param minRatio student/reference throughput at or below which no point is earned
   * @param fullRatio student/reference throughput at or above which every point is earned (equal to
   *     {@code minRatio} for all or nothing)
   * @param points points earned
   */
  public record PerformanceCheck(
      String name, String benchmark, double minRatio, double fullRatio, int points) {

    /** The points a ratio earns, in quarter points so that small noise moves nothing. */
    public double score(double ratio) {
      if (ratio >= fullRatio) {
        return points;
      }
      if (ratio <= minRatio || fullRatio <= minRatio) {
        return 0;
      }
      double share = (ratio - minRatio) / (fullRatio - minRatio);
      return Math.floor(share * points * 4 + 1e-9) / 4; // 1e-9: 0.2 / 0.4 is 0.4999...
    }
  }
}
