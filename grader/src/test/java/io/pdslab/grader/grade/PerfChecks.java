package io.pdslab.grader.grade;

import io.pdslab.grader.build.GradedTest;
import io.pdslab.grader.manifest.LabManifest;
import io.pdslab.harness.testrun.TestId;

/** Graded performance checks for tests of scoring and reporting. */
final class PerfChecks {
  private PerfChecks() {}

  /** A 2-point performance check measured by {@code id}, all points at 0.8, none at 0.5. */
  static GradedTest twoPoints(TestId id) {
    return new GradedTest(
        id,
        GradedTest.PERFORMANCE,
        2,
        true,
        new LabManifest.PerformanceCheck("check", id.toString(), 0.5, 0.8, 2));
  }
}
