package io.pdslab.cli;

import io.pdslab.grader.build.GradedTest;
import io.pdslab.grader.build.LabBuild;
import io.pdslab.grader.build.LabTests;
import io.pdslab.grader.grade.Points;
import io.pdslab.grader.manifest.LabManifest;
import io.pdslab.grader.manifest.LabManifest.Part;
import io.pdslab.grader.manifest.LabManifest.PerformanceCheck;
import io.pdslab.grader.manifest.LabManifest.TestEntry;
import io.pdslab.grader.manifest.ManifestLoader;
import io.pdslab.grader.run.TestExecutor;
import io.pdslab.harness.testrun.TestId;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pdslab list [lab]}: the labs with their parts and points, or one lab's graded tests. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = "List the labs with their parts and points; with a lab, its graded tests.")
final class ListCommand implements Callable<Integer> {
  @Parameters(arity = "0..1", paramLabel = "LAB", description = "A lab name, e.g. raft.")
  String lab;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    if (lab == null) {
      List<LabManifest> labs = ManifestLoader.loadAll(Pdslab.root());
      for (LabManifest m : labs) {
        out.printf("%-12s %4d points  %s%n", m.lab(), m.totalPoints(), m.title());
        int checks = m.performance().stream().mapToInt(PerformanceCheck::points).sum();
        boolean perfPart = false;
        for (Part p : m.parts()) {
          // The performance checks belong to the part of the same id, if the lab has one.
          boolean perf = p.id().equals(GradedTest.PERFORMANCE) && checks > 0;
          perfPart |= perf;
          out.printf(
              "  part %-4s %4d points  %s%s%n",
              p.id(), p.points() + (perf ? checks : 0), p.title(), p.bonus() ? " (bonus)" : "");
        }
        if (checks > 0 && !perfPart) {
          out.printf(
              "  part %-4s %4d points  %s%n",
              GradedTest.PERFORMANCE, checks, "Throughput against the reference");
        }
      }
      return Pdslab.OK;
    }
    LabManifest m = ManifestLoader.load(Pdslab.root(), lab);
    out.printf(
        "%s: %s (%d points%s)%n",
        m.lab(),
        m.title(),
        m.totalPoints(),
        m.bonusPoints() > 0 ? ", " + m.bonusPoints() + " bonus" : "");
    List<GradedTest> tests = LabTests.expand(m, classes -> discover(m, classes));
    for (GradedTest t : tests) {
      String points = Points.format(t.points());
      PerformanceCheck c = t.performance();
      if (c != null) {
        out.printf(
            "  %-4s %6s  %s (ratio %.2f..%.2f)%n",
            t.part(), points, c.name(), c.minRatio(), c.fullRatio());
      } else {
        out.printf("  %-4s %6s  %s%s%n", t.part(), points, t.id(), t.hidden() ? "  (hidden)" : "");
      }
    }
    // A class absent here (hidden tests, in a handout) still shows what it is worth.
    for (Part p : m.parts()) {
      for (TestEntry e : p.tests()) {
        if (!TestId.namesMethod(e.select())
            && tests.stream().noneMatch(t -> t.id().className().equals(e.select()))) {
          out.printf(
              "  %-4s %6s  %s%s%n",
              p.id(), Points.format(e.points()), e.select(), e.hidden() ? "  (hidden)" : "");
        }
      }
    }
    return Pdslab.OK;
  }

  /**
   * The test methods of the given classes, so that every line names a test a student can run alone
   * (the same expansion grading uses). The lab is compiled first if it never was (a build writes
   * the classpath this reads).
   */
  private static List<TestId> discover(LabManifest m, List<String> classes) {
    LabBuild build = LabBuild.existing(Pdslab.root(), m.lab());
    if (build == null) {
      build = LabBuild.build(Pdslab.root(), m.lab());
    }
    return TestExecutor.discover(
        LabRunSupport.spec(m, build, Map.of(), 0, 1), LabTests.classSelectors(classes));
  }
}
