package io.pdslab.harness.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The harness's package structure: no package cycles, and dependencies running one way, from the
 * lab-facing node API up through the simulator to the adapters and runners built on it.
 */
@AnalyzeClasses(
    packages = "io.pdslab.harness",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  /** Every package (sub-packages too) is a slice of its own; no two may depend on each other. */
  @ArchTest
  static final ArchRule NO_PACKAGE_CYCLES =
      slices().matching("io.pdslab.harness.(**)").should().beFreeOfCycles();

  /**
   * The simulator knows nothing of the adapters and runners on top of it: Pekko nodes reach it
   * through its node SPI, and it finds the Pekko adapter through {@code META-INF/services}.
   */
  @ArchTest
  static final ArchRule SIMULATOR_BELOW_ITS_ADAPTERS =
      noClasses()
          .that()
          .resideInAPackage("io.pdslab.harness.sim..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.pdslab.harness.pekko..",
              "io.pdslab.harness.junit..",
              "io.pdslab.harness.cluster..");

  /** The node API that labs code against stands alone: the simulator and cluster implement it. */
  @ArchTest static final ArchRule NODE_API_STANDS_ALONE = standsAlone("io.pdslab.harness.node");

  /** The trace format is read by the viewer and replay without a simulator. */
  @ArchTest static final ArchRule TRACE_STANDS_ALONE = standsAlone("io.pdslab.harness.trace");

  /**
   * Cluster mode's core knows no engine: Pekko and JGroups are adapters on its SPI ({@code
   * ClusterApp}), in sub-packages it never names, found by the class name a lab gives.
   */
  @ArchTest
  static final ArchRule CLUSTER_CORE_KNOWS_NO_ENGINE =
      noClasses()
          .that()
          .resideInAPackage("io.pdslab.harness.cluster")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "org.apache.pekko..",
              "org.jgroups..",
              "io.pdslab.harness.pekko..",
              "io.pdslab.harness.jgroups..",
              "io.pdslab.harness.cluster.pekko..",
              "io.pdslab.harness.cluster.jgroups..",
              "io.pdslab.harness.cluster.link..");

  /** Each cluster engine adapter stands on the core alone, never on another engine's adapter. */
  @ArchTest
  static final ArchRule CLUSTER_ENGINES_ARE_SEPARATE =
      slices().matching("io.pdslab.harness.cluster.(*)..").should().notDependOnEachOther();

  /** The one HTML escaper and the names of a test run are used everywhere, so use nothing. */
  @ArchTest static final ArchRule HTML_STANDS_ALONE = standsAlone("io.pdslab.harness.html");

  /** Test ids, replay lines and property names are shared by the grader and the labs. */
  @ArchTest static final ArchRule TESTRUN_STANDS_ALONE = standsAlone("io.pdslab.harness.testrun");

  /** A rule: classes of {@code pkg} use no other harness package but the HTML escaper. */
  static ArchRule standsAlone(String pkg) {
    return noClasses()
        .that()
        .resideInAPackage(pkg + "..")
        .should()
        .dependOnClassesThat(
            resideInAPackage("io.pdslab.harness..")
                .and(not(resideInAPackage(pkg + "..")))
                .and(not(resideInAPackage("io.pdslab.harness.html.."))));
  }
}
