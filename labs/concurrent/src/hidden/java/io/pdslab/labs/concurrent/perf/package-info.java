/**
 * Graded performance checks (CONTRACTS §6): the submission's structures against the reference,
 * interleaved in one JVM; each publishes a {@code ratio} that the grader scores against the
 * manifest's {@code performance[].minRatio}. They fail only on a crash or a wrong result.
 */
package io.pdslab.labs.concurrent.perf;
