package io.pdslab.cli;

import io.pdslab.grader.build.LabBuild;
import io.pdslab.grader.manifest.LabManifest;
import io.pdslab.grader.manifest.ManifestLoader;
import io.pdslab.grader.run.MethodResult;
import io.pdslab.grader.run.TestExecutor;
import io.pdslab.harness.testrun.PdslabProperties;
import io.pdslab.harness.testrun.TestId;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pdslab replay <lab> <Test#method> --seed N}: re-runs one test on one seed. */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    description = "Re-run one test with one seed, optionally writing its trace.")
final class ReplayCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "LAB", description = "The lab, e.g. raft.")
  String lab;

  @Parameters(index = "1", paramLabel = "TEST", description = "TestClass#method.")
  String test;

  @Option(names = "--seed", required = true, description = "The seed to replay.")
  long seed;

  @Option(
      names = "--explore-seed",
      paramLabel = "N",
      description = "The explore seed of the run to replay (a grade report's reproduce line).")
  Long exploreSeed;

  @Option(
      names = "--trace-dir",
      paramLabel = "DIR",
      description = "Write trace.jsonl and trace.html there.")
  Path traceDir;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    LabManifest m = ManifestLoader.load(Pdslab.root(), lab);
    if (!TestId.namesMethod(test)) {
      throw new UserError("TEST must be TestClass#method, got '" + test + "'");
    }
    LabBuild build = LabBuild.build(Pdslab.root(), lab);
    List<TestId> ids = LabRunSupport.resolve(lab, test, LabRunSupport.discoverAll(m, build));
    if (ids.size() > 1) {
      throw new UserError("'" + test + "' is ambiguous: " + ids);
    }
    Map<String, String> props = new LinkedHashMap<>();
    props.put(PdslabProperties.SEED, Long.toString(seed));
    if (exploreSeed != null) {
      props.put(PdslabProperties.EXPLORE_SEED, Long.toString(exploreSeed));
    }
    Path traces = traceDir == null ? null : traceDir.toAbsolutePath().normalize();
    if (traces != null) {
      props.put(PdslabProperties.TRACE_DIR, traces.toString());
    }
    TestExecutor.Outcome outcome =
        TestExecutor.run(LabRunSupport.spec(m, build, props, 0, 1), ids, (id, inv) -> {});
    MethodResult r = outcome.results().get(ids.get(0));
    boolean passed = LabRunSupport.report(out, lab, r);
    if (!passed) {
      out.println(r.failureMessage());
    }
    if (traces != null && Files.isRegularFile(traces.resolve("trace.html"))) {
      out.println("trace: " + traces.resolve("trace.html"));
    }
    return passed ? Pdslab.OK : Pdslab.FAILED;
  }
}
