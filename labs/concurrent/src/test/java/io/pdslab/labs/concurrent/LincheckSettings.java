package io.pdslab.labs.concurrent;

import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.StressOptions;

/**
 * Lincheck options shared by the lab's tests. Iterations are modest so that {@code mvn verify}
 * stays fast; raise them with {@code -Dpdslab.lincheck.iterations=200} for a thorough run.
 *
 * <p>Model checking explores thread interleavings under sequential consistency: it finds races in
 * the algorithm. Stress mode runs the scenario on real threads: it is the one that can expose a
 * missing {@code volatile} (a memory-model bug), though only with luck and enough iterations.
 */
public final class LincheckSettings {
  /** Iterations (scenarios) per check; {@code -Dpdslab.lincheck.iterations}. */
  public static final int ITERATIONS = Integer.getInteger("pdslab.lincheck.iterations", 10);

  /** Invocations per scenario; {@code -Dpdslab.lincheck.invocations}. */
  public static final int INVOCATIONS = Integer.getInteger("pdslab.lincheck.invocations", 200);

  /**
   * {@code @Order} value for test classes that run Lincheck: they must run after the real-thread
   * tests of the same JVM, because Lincheck's instrumentation outlives its runs and can hide races
   * from later real-thread tests (see {@code junit-platform.properties}).
   */
  public static final int RUN_LAST = Integer.MAX_VALUE;

  private LincheckSettings() {}

  /** Model checking: 3 threads, a few operations each. */
  public static ModelCheckingOptions modelChecking() {
    return new ModelCheckingOptions()
        .iterations(ITERATIONS)
        .invocationsPerIteration(INVOCATIONS)
        .threads(3)
        .actorsPerThread(3)
        .actorsBefore(2)
        .actorsAfter(1);
  }

  /** Stress mode: real threads, many invocations per scenario. */
  public static StressOptions stress() {
    return new StressOptions()
        .iterations(ITERATIONS)
        .invocationsPerIteration(INVOCATIONS)
        .threads(3)
        .actorsPerThread(3)
        .actorsBefore(2)
        .actorsAfter(1);
  }
}
