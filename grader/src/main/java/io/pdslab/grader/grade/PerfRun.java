package io.pdslab.grader.grade;

import io.pdslab.grader.run.Invocation;
import io.pdslab.grader.run.MethodResult;
import io.pdslab.grader.run.RunSpec;
import io.pdslab.grader.run.TestExecutor;
import io.pdslab.harness.testrun.PdslabProperties;
import io.pdslab.harness.testrun.TestId;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The graded performance checks, each run on the reference and on the submission at the same time,
 * in a pair of fresh sandboxed JVMs of its own. A {@link TurnKeeper} lets the two measure one round
 * each in alternation, so paired rounds see the same machine load and never compete with each other
 * for the cores; {@link PerfMeasurements} divides the paired rounds.
 *
 * <p>One pair per check isolates the checks: a check that fails, hangs or kills its JVM leaves no
 * half-finished rounds, stale turn files or desynchronised partner behind for the next check, and
 * every check starts both sides equally cold. Only one pair measures at a time in this process
 * (submissions graded in parallel take turns), since two pairs beside each other would share the
 * cores their rounds were meant to have alone.
 */
final class PerfRun {
  private static final Logger LOG = LoggerFactory.getLogger(PerfRun.class);

  /** One pair of performance JVMs at a time in this process, fair to waiting submissions. */
  private static final ReentrantLock MEASURING = new ReentrantLock(true);

  /**
   * What both sides measured.
   *
   * @param student the submission's runs
   * @param reference the reference's runs
   * @param ratios student/reference per performance test
   */
  record Result(
      TestExecutor.Outcome student,
      TestExecutor.Outcome reference,
      Map<TestId, PerfMeasurements.Ratio> ratios) {}

  private PerfRun() {}

  /**
   * Runs each of {@code tests} on both sides, in alternating rounds, one check after the other.
   *
   * @param student how to run the submission's JVMs; each check gets a subfolder of its work folder
   * @param reference how to run the reference's JVMs, likewise
   * @param listener told about the submission's tests
   */
  static Result run(
      RunSpec student, RunSpec reference, List<TestId> tests, TestExecutor.Listener listener) {
    Map<TestId, MethodResult> mine = new LinkedHashMap<>();
    Map<TestId, MethodResult> ref = new LinkedHashMap<>();
    StringBuilder mineOut = new StringBuilder();
    StringBuilder refOut = new StringBuilder();
    Map<TestId, PerfMeasurements.Ratio> ratios = new LinkedHashMap<>();
    for (int i = 0; i < tests.size(); i++) {
      TestId id = tests.get(i);
      String folder = (i + 1) + "-" + id.method();
      Pair p =
          measureAlone(
              in(student, student.workDir().resolve(folder)),
              in(reference, reference.workDir().resolve(folder)),
              id,
              listener);
      mine.putAll(p.student.results());
      ref.putAll(p.reference.results());
      mineOut.append(p.student.output());
      refOut.append(p.reference.output());
      ratios.putAll(PerfMeasurements.ratios(p.student.results(), p.reference.results()));
      log(id, p, ratios.get(id));
    }
    return new Result(
        new TestExecutor.Outcome(mine, mineOut.toString()),
        new TestExecutor.Outcome(ref, refOut.toString()),
        ratios);
  }

  /** What one check's pair of JVMs observed. */
  private record Pair(
      TestExecutor.Outcome student,
      TestExecutor.Outcome reference,
      int studentTurns,
      int refTurns,
      int pausedRounds) {}

  private static Pair measureAlone(
      RunSpec student, RunSpec reference, TestId id, TestExecutor.Listener listener) {
    MEASURING.lock();
    try {
      return measure(student, reference, id, listener);
    } finally {
      MEASURING.unlock();
    }
  }

  private static Pair measure(
      RunSpec student, RunSpec reference, TestId id, TestExecutor.Listener listener) {
    TurnKeeper.Side refSide = new TurnKeeper.Side(reference.workDir().resolve("turns"));
    TurnKeeper.Side mySide = new TurnKeeper.Side(student.workDir().resolve("turns"));
    TurnKeeper keeper = new TurnKeeper(refSide, mySide);
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      pool.execute(keeper);
      CompletableFuture<TestExecutor.Outcome> r =
          CompletableFuture.supplyAsync(
              () -> runSide(withTurns(reference, refSide), id, (t, inv) -> {}, refSide), pool);
      CompletableFuture<TestExecutor.Outcome> s =
          CompletableFuture.supplyAsync(
              () -> runSide(withTurns(student, mySide), id, listener, mySide), pool);
      Pair pair =
          new Pair(
              s.get(),
              r.get(),
              mySide.rounds,
              refSide.rounds,
              mySide.pausedRounds + refSide.pausedRounds);
      if (keeper.failure() != null) {
        // The sides measured without taking turns: no paired rounds to score, a grader error.
        throw new IllegalStateException(
            "the turn keeper of " + id + " failed: " + keeper.failure(), keeper.failure());
      }
      return pair;
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

  /** What the instructor's log says about one check (hidden tests hide it in reports). */
  private static void log(TestId id, Pair p, PerfMeasurements.Ratio ratio) {
    MethodResult s = p.student.results().get(id);
    MethodResult r = p.reference.results().get(id);
    if (!s.passed()) {
      LOG.info("{}: submission failed: {}", id, s.failureMessage());
    }
    if (!r.passed()) {
      LOG.warn("{}: the REFERENCE failed: {}", id, r.failureMessage());
    }
    if (ratio != null) {
      LOG.info(
          "{}: scored ratio {} ({}); turns {}/{}, {} with the other side paused; rounds {} |"
              + " reference {}",
          id,
          String.format(Locale.ROOT, "%.2f", ratio.value()),
          ratio.describe(),
          p.studentTurns,
          p.refTurns,
          p.pausedRounds,
          s.entries().get(PerfMeasurements.CPU_ROUNDS),
          r.entries().get(PerfMeasurements.CPU_ROUNDS));
    }
  }

  private static TestExecutor.Outcome runSide(
      RunSpec spec, TestId id, TestExecutor.Listener listener, TurnKeeper.Side side) {
    TestExecutor.Listener tracking =
        new TestExecutor.Listener() {
          @Override
          public void finished(TestId test, Invocation invocation) {
            listener.finished(test, invocation);
          }

          @Override
          public void childStarted(ProcessHandle child) {
            side.jvm = child;
          }
        };
    try {
      return TestExecutor.run(spec, List.of(id), tracking);
    } finally {
      side.over.set(true);
    }
  }

  private static RunSpec in(RunSpec spec, Path workDir) {
    return new RunSpec(
        spec.classpath(),
        spec.systemProperties(),
        spec.heapMb(),
        spec.testTimeout(),
        spec.totalTimeout(),
        workDir,
        workDir,
        spec.limits());
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
