package io.pdslab.grader.run;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * How to run tests in a child JVM.
 *
 * @param classpath the lab's test classpath (test classes, classes, dependencies)
 * @param systemProperties {@code -D} properties of the child (seeds, lab, trace dir...)
 * @param heapMb heap cap of the child
 * @param testTimeout limit of one test execution (one seed), in CPU time of the child's process
 *     tree; the wall clock is only a backstop (see {@link TimeBudget})
 * @param totalTimeout limit of the whole run, counted the same way
 * @param workDir the runner's scratch folder; in a sandbox, the only writable folder. The grader's
 *     files for the child go in a folder beside it ({@code <workDir>.control}), so its parent must
 *     be the grader's, not the child's
 * @param cwd the child's working directory (the work folder when sandboxed)
 * @param limits sandbox limits, or {@link SandboxLimits#NONE} to run unconfined
 */
public record RunSpec(
    List<Path> classpath,
    Map<String, String> systemProperties,
    int heapMb,
    Duration testTimeout,
    Duration totalTimeout,
    Path workDir,
    Path cwd,
    SandboxLimits limits) {

  /** A spec whose child runs in its work folder. */
  public RunSpec(
      List<Path> classpath,
      Map<String, String> systemProperties,
      int heapMb,
      Duration testTimeout,
      Duration totalTimeout,
      Path workDir,
      SandboxLimits limits) {
    this(classpath, systemProperties, heapMb, testTimeout, totalTimeout, workDir, workDir, limits);
  }
}
