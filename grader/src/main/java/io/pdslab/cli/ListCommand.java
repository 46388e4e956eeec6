package io.pdslab.cli;

import io.pdslab.grader.manifest.LabManifest;
import io.pdslab.grader.manifest.LabManifest.Part;
import io.pdslab.grader.manifest.LabManifest.PerformanceCheck;
import io.pdslab.grader.manifest.LabManifest.TestEntry;
import io.pdslab.grader.manifest.ManifestLoader;
import java.io.PrintWriter;
import java.util.List;
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
          out.printf("  part %-3s %4d points  %s%n", p.id(), p.points(), p.title());
        }
      }
      return Pdslab.OK;
    }
    LabManifest m = ManifestLoader.load(Pdslab.root(), lab);
    out.printf("%s: %s (%d points)%n", m.lab(), m.title(), m.totalPoints());
    for (Part p : m.parts()) {
      for (TestEntry t : p.tests()) {
        out.printf(
            "  %-3s %4d  %s%s%n", p.id(), t.points(), t.select(), t.hidden() ? "  (hidden)" : "");
      }
    }
    for (PerformanceCheck c : m.performance()) {
      out.printf("  %-3s %4d  %s (ratio >= %.2f)%n", "perf", c.points(), c.name(), c.minRatio());
    }
    return Pdslab.OK;
  }
}
