/**
 * The names a test run is known by, shared by the JUnit extension, the labs' tests and the grader:
 * a test's id ({@link io.pdslab.harness.testrun.TestId}), the command that replays one seed of it
 * ({@link io.pdslab.harness.testrun.ReplayLine}) and the {@code pdslab.*} system properties a run
 * reads ({@link io.pdslab.harness.testrun.PdslabProperties}), and the one format of a known bug
 * planted in a reference ({@link io.pdslab.harness.testrun.PlantedBug}). Depends on nothing but
 * Jackson.
 */
package io.pdslab.harness.testrun;
