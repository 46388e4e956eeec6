package io.pdslab.harness.architecture;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;

/** The architecture rules catch what they are meant to catch. */
class ArchitectureRulesTest {

  @Test
  void aPackageCycleIsReported() {
    JavaClasses cycle =
        new ClassFileImporter().importPackages("io.pdslab.harness.architecture.cycle");
    EvaluationResult result = ArchitectureTest.NO_PACKAGE_CYCLES.evaluate(cycle);
    assertTrue(result.hasViolation(), "a <-> b is a cycle");
    String report = String.join("\n", result.getFailureReport().getDetails());
    assertTrue(report.contains("cycle.a") && report.contains("cycle.b"), report);
  }

  @Test
  void aPackageThatUsesAnotherHarnessPackageIsReported() {
    JavaClasses cycle =
        new ClassFileImporter().importPackages("io.pdslab.harness.architecture.cycle");
    assertTrue(
        ArchitectureTest.standsAlone("io.pdslab.harness.architecture.cycle.a")
            .evaluate(cycle)
            .hasViolation());
  }
}
