package io.pdslab.grader.grade;

import io.pdslab.grader.run.RunSpec;
import io.pdslab.grader.run.TestExecutor;
import io.pdslab.harness.testrun.PdslabProperties;
import io.pdslab.harness.testrun.TestId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The graded performance checks, run on the reference and on the submission at the same time, each
 * in its own sandboxed JVM that stays alive and warm for the whole run. A {@link TurnKeeper} lets
 * them measure one round each in alternation, so paired rounds see the same machine load and never
 * compete with each other for the cores; {@link PerfMeasurements} divides the paired rounds.
 */
final class PerfRun {
  private static final Logger LOG = LoggerFactory.getLogger(PerfRun.class);

  /** Property naming a child's turns folder (read by {@code io.pdslab.harness.perf}). */

  /**
   * What both sides measured.
   *
   * @param student the submission's run
   * @param reference the reference's run
   * @param ratios student/reference per performance test
   */
  record Result(
      TestExecutor.Outcome student,
      TestExecutor.Outcome reference,
      Map<TestId, PerfMeasurements.Ratio> ratios) {}

  private PerfRun() {}

  /**
   * Runs {@code tests} on both sides, in alternating rounds.
   *
   * @param student how to run the submission's JVM
   * @param reference how to run the reference's JVM
   * @param listener told about the submission's tests
   */
  static Result run(
      RunSpec student, RunSpec reference, List<TestId> tests, TestExecutor.Listener listener) {
    TurnKeeper.Side refSide = new TurnKeeper.Side(reference.workDir().resolve("turns"));
    TurnKeeper.Side mySide = new TurnKeeper.Side(student.workDir().resolve("turns"));
    TurnKeeper keeper = new TurnKeeper(refSide, mySide);
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      pool.execute(keeper);
      CompletableFuture<TestExecutor.Outcome> ref =
          CompletableFuture.supplyAsync(
              () -> runSide(withTurns(reference, refSide), tests, (id, inv) -> {}, refSide), pool);
      CompletableFuture<TestExecutor.Outcome> mine =
          CompletableFuture.supplyAsync(
              () -> runSide(withTurns(student, mySide), tests, listener, mySide), pool);
      TestExecutor.Outcome r = ref.get();
      TestExecutor.Outcome s = mine.get();
      LOG.info(
          "performance rounds taken in turns: reference {}, submission {}",
          refSide.rounds,
          mySide.rounds);
      Map<TestId, PerfMeasurements.Ratio> ratios =
          PerfMeasurements.ratios(s.results(), r.results());
      ratios.forEach(
          (id, ratio) ->
              LOG.info(
                  "{}: scored ratio {} ({}); rounds {} | reference {}",
                  id,
                  String.format(Locale.ROOT, "%.2f", ratio.value()),
                  ratio.describe(),
                  s.results().get(id).entries().get(PerfMeasurements.ROUNDS),
                  r.results().containsKey(id)
                      ? r.results().get(id).entries().get(PerfMeasurements.ROUNDS)
                      : "none"));
      return new Result(s, r, ratios);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while measuring performance", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("performance run failed: " + e.getCause(), e.getCause());
    } finally {
      keeper.stop();
      pool.shutdown();
    }
  }

  private static TestExecutor.Outcome runSide(
      RunSpec spec, List<TestId> tests, TestExecutor.Listener listener, TurnKeeper.Side side) {
    try {
      return TestExecutor.run(spec, tests, listener);
    } finally {
      side.over.set(true);
    }
  }

  private static RunSpec withTurns(RunSpec spec, TurnKeeper.Side side) {
    Map<String, String> props = new LinkedHashMap<>(spec.systemProperties());
    props.put(PdslabProperties.PERF_TURNS, side.dir.toAbsolutePath().toString());
    return new RunSpec(
        spec.classpath(),
        props,
        spec.heapMb(),
        spec.testTimeout(),
        spec.totalTimeout(),
        spec.workDir(),
        spec.cwd(),
        spec.limits());
  }
}
