/**
 * Running code on many threads with bounded waits, and measuring throughput for graded performance
 * checks.
 *
 * <ul>
 *   <li>{@link io.pdslab.harness.perf.Workers}: start N threads together, wait with a timeout, fail
 *       with a thread dump when they hang.
 *   <li>{@link io.pdslab.harness.perf.PerfComparison}: warm-up and measured rounds of one
 *       implementation, published with JUnit's {@code TestReporter}; the grader runs the same test
 *       on the student's code and, in separate JVMs, on the reference, and compares the two.
 * </ul>
 */
package io.pdslab.harness.perf;
