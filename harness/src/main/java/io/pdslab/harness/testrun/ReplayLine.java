package io.pdslab.harness.testrun;

/**
 * The command line that re-runs one seed of one test and writes its trace: {@code ./pdslab replay
 * LAB Class#method --seed N --trace-dir traces/}. Printed by the JUnit extension under a failure
 * and by {@code ./pdslab test}.
 *
 * @param lab the lab's name
 * @param test the test
 * @param seed the seed that failed
 */
public record ReplayLine(String lab, TestId test, long seed) {
  /** The command a student pastes into a shell. */
  @Override
  public String toString() {
    return "./pdslab replay "
        + lab
        + " "
        + test.shortForm()
        + " --seed "
        + seed
        + " --trace-dir traces/";
  }
}
