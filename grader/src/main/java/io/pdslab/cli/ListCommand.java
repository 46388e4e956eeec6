package io.pdslab.cli;

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
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
        for (Part p : m.parts()) {
          out.printf(
              "  part %-3s %4d points  %s%s%n",
              p.id(), p.points(), p.title(), p.bonus() ? " (bonus)" : "");
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
    Map<String, List<String>> methods = methodsOfClassSelections(m);
    for (Part p : m.parts()) {
      for (TestEntry t : p.tests()) {
        String hidden = t.hidden() ? "  (hidden)" : "";
        List<String> expanded = methods.getOrDefault(t.select(), List.of(t.select()));
        for (String id : expanded) {
          // A class's points are shared equally by its test methods.
          double points = (double) t.points() / expanded.size();
          out.printf("  %-3s %6s  %s%s%n", p.id(), Points.format(points), id, hidden);
        }
      }
    }
    for (PerformanceCheck c : m.performance()) {
      out.printf(
          "  %-3s %6d  %s (ratio %.2f..%.2f)%n",
          "perf", c.points(), c.name(), c.minRatio(), c.fullRatio());
    }
    return Pdslab.OK;
  }

  /**
   * Class-level selections expanded to their test methods, so that every line names a test a
   * student can run alone. The lab is compiled first if it never was (a build writes the classpath
   * this reads).
   */
  private static Map<String, List<String>> methodsOfClassSelections(LabManifest m) {
    List<String> classes =
        m.parts().stream()
            .flatMap(p -> p.tests().stream())
            .map(TestEntry::select)
            .filter(s -> !TestId.namesMethod(s))
            .distinct()
            .toList();
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (classes.isEmpty()) {
      return out;
    }
    LabBuild build = LabBuild.existing(Pdslab.root(), m.lab());
    if (build == null) {
      build = LabBuild.build(Pdslab.root(), m.lab());
    }
    for (TestId id :
        TestExecutor.discover(
            LabRunSupport.spec(m, build, Map.of(), 0, 1), LabTests.classSelectors(classes))) {
      out.computeIfAbsent(id.className(), k -> new ArrayList<>()).add(id.toString());
    }
    return out;
  }
}
