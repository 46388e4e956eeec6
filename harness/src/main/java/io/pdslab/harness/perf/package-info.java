/**
 * Running code on many threads with bounded waits, and comparing a student's implementation with
 * the instructor's reference in the same JVM run.
 *
 * <ul>
 *   <li>{@link io.pdslab.harness.perf.Workers}: start N threads together, wait with a timeout, fail
 *       with a thread dump when they hang.
 *   <li>{@link io.pdslab.harness.perf.ReferenceClasses}: load the reference implementation of a
 *       class from {@code -Dpdslab.referenceClasses=DIR}, or the class itself when absent.
 *   <li>{@link io.pdslab.harness.perf.PerfComparison}: interleaved rounds of both implementations;
 *       the throughput ratio is published with JUnit's {@code TestReporter} as {@code ratio}.
 * </ul>
 */
package io.pdslab.harness.perf;
