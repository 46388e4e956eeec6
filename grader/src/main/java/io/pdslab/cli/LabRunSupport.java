package io.pdslab.cli;

import io.pdslab.grader.build.GradedTest;
import io.pdslab.grader.build.LabBuild;
import io.pdslab.grader.build.LabTests;
import io.pdslab.grader.manifest.LabManifest;
import io.pdslab.grader.run.Invocation;
import io.pdslab.grader.run.MethodResult;
import io.pdslab.grader.run.RunSpec;
import io.pdslab.grader.run.SandboxLimits;
import io.pdslab.grader.run.TestExecutor;
import io.pdslab.harness.testrun.PdslabProperties;
import io.pdslab.harness.testrun.ReplayLine;
import io.pdslab.harness.testrun.TestId;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What {@code test}, {@code replay} and {@code list} share: finding and running a lab's tests. */
final class LabRunSupport {
  private LabRunSupport() {}

  /** A spec to run the lab's own tests unconfined, with traces relative to the lab folder. */
  static RunSpec spec(
      LabManifest m, LabBuild build, Map<String, String> props, int worker, int seedFactor) {
    Map<String, String> all = new LinkedHashMap<>();
    all.put(PdslabProperties.LAB, m.lab());
    all.putAll(props);
    return new RunSpec(
        build.testClasspath(),
        all,
        m.limits().heapMb(),
        Duration.ofSeconds(m.limits().testTimeoutSeconds()),
        Duration.ofSeconds((long) m.limits().totalTimeoutSeconds() * Math.max(1, seedFactor)),
        build.labDir().resolve("target/pdslab-run/w" + worker),
        build.labDir(),
        SandboxLimits.NONE);
  }

  /** Every test method of the lab's compiled test classes. */
  static List<TestId> discoverAll(LabManifest m, LabBuild build) {
    if (!Files.isDirectory(build.testClasses())) {
      return List.of();
    }
    return TestExecutor.discover(
        spec(m, build, Map.of(), 0, 1), List.of("root " + build.testClasses()));
  }

  /** The manifest's graded tests, expanded by discovery on the lab's test classpath. */
  static List<GradedTest> graded(LabManifest m, LabBuild build) {
    return LabTests.expand(
        m,
        classes ->
            TestExecutor.discover(
                spec(m, build, Map.of(), 0, 1), LabTests.classSelectors(classes)));
  }

  /** Whether the test's class was compiled (hidden tests are absent from a handout). */
  static boolean present(LabBuild build, TestId id) {
    String cls = id.className();
    return Files.isRegularFile(build.testClasses().resolve(cls.replace('.', '/') + ".class"));
  }

  /** Resolves {@code Class#method}, {@code pkg.Class#method} or a class name to test methods. */
  static List<TestId> resolve(String lab, String name, List<TestId> all) {
    List<TestId> hits = all.stream().filter(id -> id.matches(name)).toList();
    if (hits.isEmpty()) {
      throw new UserError(
          "no test '" + name + "' in lab " + lab + " (see ./pdslab list " + lab + ")");
    }
    return hits;
  }

  /** Prints one test's outcome; returns whether it passed. */
  static boolean report(PrintWriter out, String lab, MethodResult r) {
    List<Invocation> inv = r.invocations();
    List<Long> passedSeeds =
        inv.stream()
            .filter(Invocation::passed)
            .map(Invocation::seed)
            .filter(s -> s != null)
            .toList();
    List<Long> failedSeeds =
        inv.stream().filter(i -> !i.passed()).map(Invocation::seed).filter(s -> s != null).toList();
    boolean seeded = inv.stream().anyMatch(i -> i.seed() != null);
    String counts = seeded ? "  " + passedSeeds.size() + "/" + inv.size() + " seeds passed" : "";
    out.printf("%s  %s%s%n", r.passed() ? "PASS" : "FAIL", r.id().shortForm(), counts);
    if (r.passed()) {
      return true;
    }
    if (!failedSeeds.isEmpty()) {
      out.printf("      failed seeds: %s%n", failedSeeds);
    }
    for (Invocation i : inv) {
      if (!i.passed()) {
        out.printf("      %s: %s%n", i.name(), firstLines(i.message(), 3));
        if (i.seed() != null) {
          out.printf("      replay: %s%n", new ReplayLine(lab, r.id(), i.seed()));
        }
      }
    }
    for (String p : r.problems()) {
      out.printf("      %s%n", firstLines(p, 3));
    }
    if (inv.isEmpty() && r.problems().isEmpty()) {
      out.println("      no result reported");
    }
    return false;
  }

  static String firstLines(String text, int n) {
    if (text == null) {
      return "";
    }
    String[] lines = text.strip().split("\n");
    return String.join("\n        ", java.util.Arrays.copyOf(lines, Math.min(n, lines.length)))
        + (lines.length > n ? " ..." : "");
  }
}
