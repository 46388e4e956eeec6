package io.pdslab.grader.grade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pdslab.grader.Fixtures;
import io.pdslab.grader.run.MethodResult;
import io.pdslab.grader.run.RunSpec;
import io.pdslab.grader.run.SandboxLimits;
import io.pdslab.harness.perf.PerfComparison;
import io.pdslab.harness.testrun.TestId;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The isolation of performance checks: a check that fails, or kills its JVM in the middle of a
 * round, takes nothing from the next check, which both sides still measure round by round in turns.
 * Nothing here is timed: the fixture's checks only count their rounds.
 */
class PerfRunTest {
  private static final String CHECKS = "demo.perf.ChecksTest";
  private static final int ROUNDS = 4;

  @TempDir Path dir;

  @Test
  void aFailedOrAbortedCheckLeavesTheNextOneIntact() {
    Path refClasses = compile("reference", false);
    Path mineClasses = compile("submission", true);
    TestId aborts = new TestId(CHECKS, "aborts");
    TestId fails = new TestId(CHECKS, "fails");
    TestId passes = new TestId(CHECKS, "passes");

    PerfRun.Result r =
        PerfRun.run(
            spec(mineClasses, dir.resolve("run/submission")),
            spec(refClasses, dir.resolve("run/reference")),
            List.of(once(aborts), once(fails), once(passes)),
            (id, inv) -> {});

    MethodResult aborted = r.student().results().get(aborts);
    assertFalse(aborted.passed(), "a JVM that halts mid-round fails its check");
    assertFalse(r.student().results().get(fails).passed(), "a wrong result fails its check");
    MethodResult next = r.student().results().get(passes);
    assertTrue(next.passed(), () -> "the next check is unharmed: " + next.failureMessage());
    assertTrue(r.reference().results().values().stream().allMatch(MethodResult::passed));
    PerfMeasurements.Ratio ratio = r.ratios().get(passes);
    assertTrue(ratio.referenceMeasured() && ratio.value() > 0, ratio::toString);
    assertEquals(ROUNDS, PerfMeasurements.rounds(next, PerfMeasurements.ROUNDS).length);
    assertEquals(
        ROUNDS,
        PerfMeasurements.rounds(r.reference().results().get(passes), PerfMeasurements.ROUNDS)
            .length);
  }

  /**
   * A check short of full points is measured again, in new JVM pairs, and the best attempt counts;
   * a failed check is not: a later attempt must not turn a wrong result into points.
   */
  @Test
  void aCheckShortOfFullPointsIsMeasuredAgainAndAFailureIsNot() {
    Path refClasses = compile("reference", false);
    Path mineClasses = compile("submission", true);
    TestId fails = new TestId(CHECKS, "fails");
    TestId passes = new TestId(CHECKS, "passes");
    double unreachable = Double.POSITIVE_INFINITY;

    PerfRun.Result r =
        PerfRun.run(
            spec(mineClasses, dir.resolve("run/submission")),
            spec(refClasses, dir.resolve("run/reference")),
            List.of(new PerfRun.Check(fails, unreachable), new PerfRun.Check(passes, unreachable)),
            (id, inv) -> {});

    assertEquals(1, r.attempts().get(fails), "a failure is final");
    assertFalse(r.student().results().get(fails).passed());
    assertEquals(PerfRun.ATTEMPTS, r.attempts().get(passes), "short of full points each time");
    assertTrue(r.student().results().get(passes).passed());
    assertTrue(r.ratios().get(passes).value() > 0, () -> r.ratios().toString());
    assertTrue(
        Files.isDirectory(dir.resolve("run/submission/2-passes-" + PerfRun.ATTEMPTS)),
        "each attempt runs in a new pair of JVMs, in a folder of its own");
  }

  /** A check that full points never send back for a second attempt. */
  private static PerfRun.Check once(TestId id) {
    return new PerfRun.Check(id, 0);
  }

  /**
   * The fixture's checks on one side: {@code Impl.BROKEN} is the submission's bug, which makes one
   * check halt its JVM in its second round and another find a wrong result in its second round.
   */
  private Path compile(String side, boolean broken) {
    Path src = dir.resolve(side + "-src");
    Fixtures.write(
        src,
        Map.of(
            "demo/perf/Impl.java",
            "package demo.perf;\npublic final class Impl {\n  public static final boolean BROKEN = "
                + broken
                + ";\n}\n",
            "demo/perf/ChecksTest.java",
            """
            package demo.perf;
            import io.pdslab.harness.perf.PerfComparison;
            import java.util.concurrent.atomic.AtomicInteger;
            import org.junit.jupiter.api.*;
            class ChecksTest {
              static PerfComparison.Measurement measure(String name, Runnable inSecondRound) {
                AtomicInteger trials = new AtomicInteger();
                return PerfComparison.builder(name).threads(2).opsPerThread(1000)
                    .warmupRounds(0).rounds(%d).build()
                    .measure(() -> {
                      int trial = trials.incrementAndGet();
                      return (thread, ops) -> {
                        if (Impl.BROKEN && trial == 2 && thread == 0) {
                          inSecondRound.run();
                        }
                        long sum = 0;
                        for (int i = 0; i < ops; i++) {
                          sum += i;
                        }
                        if (sum < 0) {
                          throw new AssertionError();
                        }
                      };
                    });
              }
              @Test void aborts(TestReporter r) {
                measure("aborts", () -> Runtime.getRuntime().halt(1)).publish(r);
              }
              @Test void fails(TestReporter r) {
                measure("fails", () -> { throw new AssertionError("wrong result"); }).publish(r);
              }
              @Test void passes(TestReporter r) {
                measure("passes", () -> {}).publish(r);
              }
            }
            """
                .formatted(ROUNDS)));
    return Fixtures.compile(src, dir.resolve(side + "-classes"), List.of(harnessClasses()));
  }

  private static RunSpec spec(Path classes, Path work) {
    List<Path> cp = new ArrayList<>(List.of(classes, harnessClasses()));
    cp.addAll(Fixtures.junitClasspath());
    return new RunSpec(
        cp,
        Map.of(),
        128,
        Duration.ofSeconds(30),
        Duration.ofSeconds(120),
        work,
        SandboxLimits.GRADING);
  }

  private static Path harnessClasses() {
    try {
      return Path.of(
          PerfComparison.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
