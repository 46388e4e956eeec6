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
 *
 * <p>A check whose ratio falls short of full points is measured again, in a new pair, up to {@link
 * #ATTEMPTS} times in all, and the best attempt counts: a penalty must show on every attempt. A
 * burst of someone else's load can make one attempt of the reference against itself look slow; a
 * slow design is slow on every attempt, since the two sides alternate round by round. Failures are
 * not retried: a wrong result stays wrong even if a later attempt would pass.
 */
final class PerfRun {
  private static final Logger LOG = LoggerFactory.getLogger(PerfRun.class);

  /** One pair of performance JVMs at a time in this process, fair to waiting submissions. */
  private static final ReentrantLock MEASURING = new ReentrantLock(true);

  /** Measurements of one check at most, when its earlier attempts fell short of full points. */
  static final int ATTEMPTS = 3;

  /**
   * One performance check to measure.
   *
   * @param id the test method
   * @param fullRatio the ratio that earns full points: below it, the check is measured again
   */
  record Check(TestId id, double fullRatio) {}

  /**
   * What both sides measured.
   *
   * @param student the submission's runs
   * @param reference the reference's runs
   * @param ratios student/reference per performance test, of the attempt that counts
   * @param attempts how many times each test was measured
   */
  record Result(
      TestExecutor.Outcome student,
      TestExecutor.Outcome reference,
      Map<TestId, PerfMeasurements.Ratio> ratios,
      Map<TestId, Integer> attempts) {}

  private PerfRun() {}

  /**
   * Runs each of {@code checks} on both sides, in alternating rounds, one check after the other.
   *
   * @param student how to run the submission's JVMs; each check gets a subfolder of its work folder
   * @param reference how to run the reference's JVMs, likewise
   * @param listener told about the submission's tests
   */
  static Result run(
      RunSpec student, RunSpec reference, List<Check> checks, TestExecutor.Listener listener) {
    Map<TestId, MethodResult> mine = new LinkedHashMap<>();
    Map<TestId, MethodResult> ref = new LinkedHashMap<>();
    StringBuilder mineOut = new StringBuilder();
    StringBuilder refOut = new StringBuilder();
    Map<TestId, PerfMeasurements.Ratio> ratios = new LinkedHashMap<>();
    Map<TestId, Integer> attempts = new LinkedHashMap<>();
    for (int i = 0; i < checks.size(); i++) {
      TestId id = checks.get(i).id();
      Pair best = null;
      PerfMeasurements.Ratio bestRatio = null;
      int attempt = 0;
      while (attempt < ATTEMPTS && shortOf(checks.get(i), best, bestRatio)) {
        attempt++;
        String folder = (i + 1) + "-" + id.method() + (attempt == 1 ? "" : "-" + attempt);
        Pair p =
            measureAlone(
                in(student, student.workDir().resolve(folder)),
                in(reference, reference.workDir().resolve(folder)),
                id,
                attempt == 1 ? listener : (t, inv) -> {});
        PerfMeasurements.Ratio r =
            PerfMeasurements.ratios(p.student.results(), p.reference.results()).get(id);
        log(id, attempt, p, r);
        if (best == null || better(r, bestRatio)) {
          best = p;
          bestRatio = r;
        }
      }
      mine.putAll(best.student.results());
      ref.putAll(best.reference.results());
      mineOut.append(best.student.output());
      refOut.append(best.reference.output());
      if (bestRatio != null) {
        ratios.put(id, bestRatio);
      }
      attempts.put(id, attempt);
    }
    return new Result(
        new TestExecutor.Outcome(mine, mineOut.toString()),
        new TestExecutor.Outcome(ref, refOut.toString()),
        ratios,
        attempts);
  }

  /**
   * Whether a check needs another attempt: none yet, or both sides passed and the ratio earns less
   * than full points, or the machine was too busy to tell (it may be quieter next time).
   */
  private static boolean shortOf(Check check, Pair best, PerfMeasurements.Ratio ratio) {
    if (best == null) {
      return true;
    }
    return ratio != null
        && ratio.referenceMeasured()
        && best.student.results().get(check.id()).passed()
        && (ratio.busy() || !(ratio.value() >= check.fullRatio()));
  }

  /** A measured attempt beats a busy one; among measured ones, the higher ratio. */
  private static boolean better(PerfMeasurements.Ratio r, PerfMeasurements.Ratio than) {
    if (r == null) {
      return false;
    }
    if (than == null || than.busy() != r.busy()) {
      return than == null || than.busy();
    }
    return r.value() > than.value() || Double.isNaN(than.value());
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
  private static void log(TestId id, int attempt, Pair p, PerfMeasurements.Ratio ratio) {
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
          "{} (attempt {}): ratio {} ({}); turns {}/{}, {} with the other side paused; rounds {} |"
              + " reference {}; waits {} | reference {}",
          id,
          attempt,
          String.format(Locale.ROOT, "%.2f", ratio.value()),
          ratio.describe(),
          p.studentTurns,
          p.refTurns,
          p.pausedRounds,
          s.entries().get(PerfMeasurements.CPU_ROUNDS),
          r.entries().get(PerfMeasurements.CPU_ROUNDS),
          s.entries().get(PerfMeasurements.WAIT_ROUNDS),
          r.entries().get(PerfMeasurements.WAIT_ROUNDS));
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
