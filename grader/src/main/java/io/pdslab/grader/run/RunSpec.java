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
 * @param workDir the child's working directory; in a sandbox, the only writable folder
 * @param limits sandbox limits, or {@link SandboxLimits#NONE} to run unconfined
 */
public record RunSpec(
    List<Path> classpath,
    Map<String, String> systemProperties,
    int heapMb,
    Duration testTimeout,
    Duration totalTimeout,
    Path workDir,
    SandboxLimits limits) {}
