package io.pdslab.grader.grade;

import io.pdslab.grader.GraderException;
import io.pdslab.grader.build.GradedTest;
import io.pdslab.grader.build.LabTests;
import io.pdslab.grader.build.SourceCompiler;
import io.pdslab.grader.check.ApiPolicy;
import io.pdslab.grader.check.BytecodeCheck;
import io.pdslab.grader.manifest.LabManifest;
import io.pdslab.grader.run.RunSpec;
import io.pdslab.grader.run.SandboxLimits;
import io.pdslab.grader.run.TestExecutor;
import io.pdslab.harness.testrun.PdslabProperties;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The instructor's side of grading a lab: the reference compiled from the project, its test sources
 * (public and hidden), the dependency classpath, and the graded tests discovered on it.
 *
 * @param manifest the lab's manifest
 * @param labDir the lab's folder in the project
 * @param classes the compiled reference, run only in the grader's own reference JVMs
 * @param dependencies the test classpath without the lab's own classes
 * @param tests the graded tests, expanded
 */
public record Reference(
    LabManifest manifest,
    Path labDir,
    Path classes,
    List<Path> dependencies,
    List<GradedTest> tests) {

  /** The compiled tests (public and hidden), next to {@link #classes()}. */
  public Path testClasses() {
    return classes.resolveSibling("test-classes");
  }

  /** The packages a submission's classes may live in: those of the reference. */
  public Set<String> packages() {
    return BytecodeCheck.packagesOf(classes);
  }

  /**
   * The lab's given classes as compiled here, by internal name: a submission's class equal to one
   * is given code, checked against the denials only ({@link BytecodeCheck}).
   */
  public Map<String, byte[]> givenClasses() {
    return givenClasses(manifest, classes);
  }

  private static Map<String, byte[]> givenClasses(LabManifest manifest, Path classes) {
    return BytecodeCheck.givenClasses(classes, new EditableFiles(manifest.editable())::matches);
  }

  /** The APIs submitted code may use. */
  public ApiPolicy policy() {
    return ApiPolicy.of(manifest.allowedApis());
  }

  /** Test source folders, always taken from the instructor's project. */
  public List<Path> testSources() {
    return List.of(labDir.resolve("src/test/java"), labDir.resolve("src/hidden/java"));
  }

  /**
   * Compiles the reference and its tests into {@code work} and discovers the graded tests.
   *
   * @param dependencies the lab's dependency classpath (harness classes, jars)
   */
  public static Reference prepare(
      LabManifest manifest, Path labDir, List<Path> dependencies, Path work) {
    Path classes = work.resolve("classes");
    Path testClasses = work.resolve("test-classes");
    SourceCompiler.Result main =
        SourceCompiler.compile(List.of(labDir.resolve("src/main/java")), dependencies, classes);
    if (!main.success()) {
      throw new GraderException(
          "the reference of lab " + manifest.lab() + " does not compile:\n" + main.errors());
    }
    // The reference must pass the check submissions face, or the lab's allowlist is too narrow.
    List<BytecodeCheck.Violation> refused =
        BytecodeCheck.check(
            classes,
            dependencies,
            BytecodeCheck.packagesOf(classes),
            ApiPolicy.of(manifest.allowedApis()),
            givenClasses(manifest, classes));
    if (!refused.isEmpty()) {
      throw new GraderException(
          "the reference of lab "
              + manifest.lab()
              + " fails the API check; widen allowedApis in its lab.json:\n"
              + BytecodeCheck.report(refused));
    }
    Resources.copy(labDir.resolve("src/main/resources"), classes);
    List<Path> cp = new ArrayList<>(List.of(classes));
    cp.addAll(dependencies);
    Reference partial = new Reference(manifest, labDir, classes, dependencies, List.of());
    SourceCompiler.Result tests = SourceCompiler.compile(partial.testSources(), cp, testClasses);
    if (!tests.success()) {
      throw new GraderException(
          "the tests of lab " + manifest.lab() + " do not compile:\n" + tests.errors());
    }
    Resources.copy(labDir.resolve("src/test/resources"), testClasses);
    List<Path> testCp = new ArrayList<>(List.of(testClasses));
    testCp.addAll(cp);
    RunSpec spec =
        new RunSpec(
            testCp,
            Map.of(PdslabProperties.LAB, manifest.lab()),
            manifest.limits().heapMb(),
            Duration.ofSeconds(60),
            Duration.ofSeconds(120),
            work.resolve("discover"),
            SandboxLimits.NONE);
    List<GradedTest> graded =
        LabTests.expand(
            manifest, names -> TestExecutor.discover(spec, LabTests.classSelectors(names)));
    return new Reference(manifest, labDir, classes, dependencies, graded);
  }
}
