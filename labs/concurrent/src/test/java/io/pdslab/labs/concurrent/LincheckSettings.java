package io.pdslab.labs.concurrent;

import io.pdslab.harness.sim.Seeds;
import io.pdslab.harness.testrun.PdslabProperties;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.StressOptions;

/**
 * Lincheck options shared by the lab's tests.
 *
 * <p>Model checking explores thread interleavings under sequential consistency: it finds races in
 * the algorithm. Stress mode runs the scenario on real threads: it is the one that can expose a
 * missing {@code volatile} (a memory-model bug), though only with luck and enough iterations.
 *
 * <p><b>Seeds.</b> Random scenarios come from {@link SeededScenarios} and {@link SeededIntGen},
 * seeded from the test's seed (the tests are {@code @SimulationTest}s: seeds 1..K with {@code
 * -Dpdslab.seeds=K}, one seed with {@code -Dpdslab.seed=N}; a failure prints its seed and the
 * replay command); the grader adds an explore seed per grading run ({@link #seed()}). {@link
 * #ITERATIONS} is the budget of a whole run, shared among its seeds, so more seeds explore more
 * scenarios in about the same time. Hand-written {@link Scenario}s ({@link #targeted}) aim the
 * model checker at known bug patterns and do not depend on luck.
 */
public final class LincheckSettings {
  /**
   * Random scenarios per test and run, shared among seeds; {@code -Dpdslab.lincheck.iterations}.
   */
  public static final int ITERATIONS = Integer.getInteger("pdslab.lincheck.iterations", 10);

  /** Invocations per scenario; {@code -Dpdslab.lincheck.invocations}. */
  public static final int INVOCATIONS = Integer.getInteger("pdslab.lincheck.invocations", 200);

  /**
   * Invocations (explored interleavings) per hand-written scenario: small scenarios are cheap, and
   * the interleaving that shows the bug may need a few context switches.
   */
  public static final int TARGETED_INVOCATIONS = 2 * INVOCATIONS;

  /**
   * Lincheck's wall-clock limit on one invocation, after which it reports "The execution has hung"
   * (30 s by default). A starved JVM on a busy machine reached 30 s on the reference's CLH lock
   * once in 200 seeds (load 3-5, the JVM niced; 11.7 s alone); a real deadlock still ends here,
   * with Lincheck's thread dump, before the grader's 180 s test limit. Set through Lincheck's
   * Kotlin-internal setter (public in its bytecode): no public one exists in 3.7.
   */
  static final long INVOCATION_TIMEOUT_MS = 120_000;

  /**
   * {@code @Order} value for test classes that run Lincheck: they must run after the real-thread
   * tests of the same JVM, because Lincheck's instrumentation outlives its runs and can hide races
   * from later real-thread tests (see {@code junit-platform.properties}).
   */
  public static final int RUN_LAST = Integer.MAX_VALUE;

  private static volatile long seed = 1;

  private LincheckSettings() {}

  /**
   * The grading run's explore seed ({@code -Dpdslab.exploreSeed}, 0 if none): the grader draws a
   * new one per run, so that successive gradings explore different random scenarios, and prints it
   * in the report's reproduce line and in every replay command.
   */
  private static final long EXPLORE_SEED = Long.getLong(PdslabProperties.EXPLORE_SEED, 0);

  /**
   * The seed of the scenarios being generated, from the test's seed and the explore seed; read by
   * the seeded generators.
   */
  static long seed() {
    return EXPLORE_SEED == 0 ? seed : Seeds.derive(seed, "lincheck-explore-" + EXPLORE_SEED);
  }

  /** Random scenarios per seed: the run's budget shared among its seeds, at least one each. */
  static int iterationsPerSeed() {
    long seeds = Math.max(1, Long.getLong(PdslabProperties.SEEDS, 3));
    return (int) Math.max(1, (ITERATIONS + seeds - 1) / seeds);
  }

  /** Model checking of random scenarios drawn from {@code seed}: 3 threads, a few operations. */
  public static ModelCheckingOptions modelChecking(long seed) {
    LincheckSettings.seed = seed;
    return new ModelCheckingOptions()
        .invocationTimeout$lincheck(INVOCATION_TIMEOUT_MS)
        .executionGenerator(SeededScenarios.class)
        .iterations(iterationsPerSeed())
        .invocationsPerIteration(INVOCATIONS)
        .threads(3)
        .actorsPerThread(3)
        .actorsBefore(2)
        .actorsAfter(1);
  }

  /** Stress mode on random scenarios drawn from {@code seed}: real threads. */
  public static StressOptions stress(long seed) {
    LincheckSettings.seed = seed;
    return new StressOptions()
        .invocationTimeout$lincheck(INVOCATION_TIMEOUT_MS)
        .executionGenerator(SeededScenarios.class)
        .iterations(iterationsPerSeed())
        .invocationsPerIteration(INVOCATIONS)
        .threads(3)
        .actorsPerThread(3)
        .actorsBefore(2)
        .actorsAfter(1);
  }

  /**
   * Model checking of hand-written scenarios only (no random ones): deterministic, whatever the
   * seed.
   */
  public static ModelCheckingOptions targeted(Scenario... scenarios) {
    ModelCheckingOptions options =
        new ModelCheckingOptions()
            .invocationTimeout$lincheck(INVOCATION_TIMEOUT_MS)
            .iterations(0)
            .invocationsPerIteration(TARGETED_INVOCATIONS);
    for (Scenario s : scenarios) {
      options.addCustomScenario(s.build());
    }
    return options;
  }
}
