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
 * @param testTimeout wall-clock limit of one test execution (one seed)
 * @param totalTimeout wall-clock limit of the whole run
 * @param workDir the runner's scratch folder; in a sandbox, the only writable folder
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
