package io.pdslab.grader.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The grader's package structure: the command line calls the grader, never the reverse; the code
 * that runs inside the child JVM stands alone; and the grader's packages have no cycles.
 */
@AnalyzeClasses(
    packages = {"io.pdslab.grader", "io.pdslab.cli"},
    importOptions = ImportOption.DoNotIncludeTests.class)
class GraderArchitectureTest {

  /** The grader knows nothing of picocli commands: the CLI maps the grader's errors and results. */
  @ArchTest
  static final ArchRule GRADER_BELOW_THE_CLI =
      noClasses()
          .that()
          .resideInAPackage("io.pdslab.grader..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("io.pdslab.cli..");

  /**
   * The runner is extracted alone onto the child JVM's class path (with JUnit's launcher): it may
   * use no other grader package, nor the harness.
   */
  @ArchTest
  static final ArchRule RUNNER_STANDS_ALONE =
      noClasses()
          .that()
          .resideInAPackage("io.pdslab.grader.runner..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.pdslab.grader.build..",
              "io.pdslab.grader.check..",
              "io.pdslab.grader.grade..",
              "io.pdslab.grader.handout..",
              "io.pdslab.grader.manifest..",
              "io.pdslab.grader.run..",
              "io.pdslab.grader.bench..",
              "io.pdslab.harness..",
              "io.pdslab.cli..");

  /** Every grader package is a slice of its own; no two may depend on each other. */
  @ArchTest
  static final ArchRule NO_PACKAGE_CYCLES =
      slices().matching("io.pdslab.grader.(*)..").should().beFreeOfCycles();
}
