package io.pdslab.cli;

import io.pdslab.grader.build.GradedTest;
import io.pdslab.grader.build.LabBuild;
import io.pdslab.grader.manifest.LabManifest;
import io.pdslab.grader.manifest.ManifestLoader;
import io.pdslab.grader.run.MethodResult;
import io.pdslab.grader.run.ParallelRun;
import io.pdslab.grader.run.TestExecutor;
import io.pdslab.harness.junit.SimulationExtension;
import io.pdslab.harness.testrun.PdslabProperties;
import io.pdslab.harness.testrun.TestId;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pdslab test <lab>}: runs a lab's tests on several seeds in child JVMs. */
@Command(
    name = "test",
    mixinStandardHelpOptions = true,
    description = "Run a lab's tests, each on several seeds, and summarise them.")
final class TestCommand implements Callable<Integer> {
  @Parameters(paramLabel = "LAB", description = "The lab, e.g. raft.")
  String lab;

  @Option(names = "--part", paramLabel = "P", description = "Only this part's tests.")
  String part;

  @Option(
      names = "--test",
      paramLabel = "TEST",
      description = "Only this test: TestClass#method or TestClass (repeatable).")
  List<String> tests = new ArrayList<>();

  @Option(
      names = "--seeds",
      defaultValue = "3",
      description = "Seeds per test (default ${DEFAULT-VALUE}).")
  int seeds;

  @Option(
      names = "--jobs",
      defaultValue = "1",
      description = "Test JVMs in parallel (default ${DEFAULT-VALUE}).")
  int jobs;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    if (seeds < 1 || jobs < 1) {
      throw new UserError("--seeds and --jobs must be at least 1");
    }
    PrintWriter out = spec.commandLine().getOut();
    LabManifest m = ManifestLoader.load(Pdslab.root(), lab);
    if (part != null && m.parts().stream().noneMatch(p -> p.id().equals(part))) {
      throw new UserError("lab " + lab + " has no part '" + part + "'");
    }
    LabBuild build = LabBuild.build(Pdslab.root(), lab);
    List<TestId> ids = select(m, build);
    if (ids.isEmpty()) {
      throw new UserError("no tests selected in lab " + lab);
    }
    long start = System.nanoTime();
    Progress progress = new Progress(spec.commandLine().getErr(), "tests", ids.size() * seeds);
    TestExecutor.Outcome outcome =
        ParallelRun.run(
            ids,
            jobs,
            w ->
                LabRunSupport.spec(
                    m,
                    build,
                    Map.of(PdslabProperties.SEEDS, Integer.toString(seeds)),
                    w,
                    (seeds + 2) / 3),
            (id, inv) -> progress.step(id + " " + inv.name() + (inv.passed() ? " ok" : " FAILED")));
    progress.end();
    int passed = 0;
    for (MethodResult r : outcome.results().values()) {
      passed += LabRunSupport.report(out, lab, r) ? 1 : 0;
    }
    out.printf("%d of %d tests passed%n", passed, ids.size());
    double simulated =
        outcome.results().values().stream()
            .mapToDouble(r -> r.entrySum(SimulationExtension.SIMULATED_MS))
            .sum();
    if (simulated > 0) {
      double wall = (System.nanoTime() - start) / 1e9;
      out.printf(
          Locale.ROOT,
          "simulated %.0f s of virtual time in %.1f s of test runs (%.0fx real time)%n",
          simulated / 1000,
          wall,
          simulated / 1000 / wall);
    }
    return passed == ids.size() ? Pdslab.OK : Pdslab.FAILED;
  }

  private List<TestId> select(LabManifest m, LabBuild build) {
    if (!tests.isEmpty()) {
      List<TestId> all = LabRunSupport.discoverAll(m, build);
      Set<TestId> out = new LinkedHashSet<>();
      tests.forEach(t -> out.addAll(LabRunSupport.resolve(lab, t, all)));
      return List.copyOf(out);
    }
    List<GradedTest> graded = LabRunSupport.graded(m, build);
    if (graded.isEmpty() && part == null) {
      return LabRunSupport.discoverAll(m, build);
    }
    return graded.stream()
        .filter(t -> part == null || t.part().equals(part))
        .map(GradedTest::id)
        .filter(id -> LabRunSupport.present(build, id))
        .toList();
  }
}
