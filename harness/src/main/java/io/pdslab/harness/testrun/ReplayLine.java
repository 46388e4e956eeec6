package io.pdslab.harness.testrun;

import java.util.OptionalLong;

/**
 * The command line that re-runs one seed of one test and writes its trace: {@code ./pdslab replay
 * LAB Class#method --seed N [--explore-seed E] --trace-dir traces/}. Printed by the JUnit extension
 * under a failure, by {@code ./pdslab test} and in grading reports.
 *
 * @param lab the lab's name
 * @param test the test
 * @param seed the seed that failed
 * @param exploreSeed the grading run's {@link PdslabProperties#EXPLORE_SEED}, if one was set
 */
public record ReplayLine(String lab, TestId test, long seed, OptionalLong exploreSeed) {
  /** A replay line for a run without an explore seed. */
  public ReplayLine(String lab, TestId test, long seed) {
    this(lab, test, seed, OptionalLong.empty());
  }

  /** The command a student pastes into a shell. */
  @Override
  public String toString() {
    return "./pdslab replay "
        + lab
        + " "
        + test.shortForm()
        + " --seed "
        + seed
        + (exploreSeed.isPresent() ? " --explore-seed " + exploreSeed.getAsLong() : "")
        + " --trace-dir traces/";
  }
}
