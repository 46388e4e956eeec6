package io.pdslab.grader.build;

/**
 * One graded test method, expanded from the manifest.
 *
 * @param id {@code fully.qualified.TestClass#method}
 * @param part the part's id, or {@code perf} for a performance check
 * @param points the points it is worth
 * @param hidden whether students cannot see it
 * @param minRatio for a performance check, the ratio to reach; otherwise null
 */
public record GradedTest(String id, String part, int points, boolean hidden, Double minRatio) {
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
}
