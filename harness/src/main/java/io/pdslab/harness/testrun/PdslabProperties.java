package io.pdslab.harness.testrun;

/**
 * The {@code pdslab.*} settings, each named once. The JUnit extension reads them as configuration
 * parameters (which fall back to system properties); the grader and the launcher set them.
 */
public final class PdslabProperties {
  /** Runs exactly this seed (replay). */
  public static final String SEED = "pdslab.seed";

  /** Runs seeds 1..K. */
  public static final String SEEDS = "pdslab.seeds";

  /**
   * A second seed, drawn afresh by each grading run, for tests that explore beyond the simulation
   * (a model checker's random scenarios): such a test mixes it into its own seed, so that gradings
   * explore different scenarios while seeds stay 1..K. Shown in replay commands when set.
   */
  public static final String EXPLORE_SEED = "pdslab.exploreSeed";

  /**
   * The folder through which a performance test's JVM takes turns with the other side's (the grader
   * runs the reference and the submission side by side, one round each in turn).
   */
  public static final String PERF_TURNS = "pdslab.perf.turns";

  /** Writes every run's trace into this folder. */
  public static final String TRACE_DIR = "pdslab.traceDir";

  /** The lab name shown in replay commands. */
  public static final String LAB = "pdslab.lab";

  /** {@code halt} (default) or {@code skip}: what happens to tests after a JVM is poisoned. */
  public static final String AFTER_POISON = "pdslab.afterPoison";

  /**
   * Set (to the reason) once worker threads outlived their run: the signal, to a test runner that
   * starts the JVM, that the tests after the current one need a fresh JVM.
   */
  public static final String JVM_POISONED = "pdslab.jvmPoisoned";

  /** The project's root folder, set by the {@code pdslab} launcher and the build. */
  public static final String ROOT = "pdslab.root";

  /** Whether the grader runs Maven offline. */
  public static final String OFFLINE = "pdslab.offline";

  /** The log level of everything but Pekko, read by cluster mode's {@code logback-cluster.xml}. */
  public static final String ROOT_LEVEL = "pdslab.rootLevel";

  /** Pekko's log level, read by cluster mode's {@code logback-cluster.xml}. */
  public static final String PEKKO_LEVEL = "pdslab.pekkoLevel";

  private PdslabProperties() {}
}
