/**
 * Seeded generators of large histories for the checker's tests and benchmarks: {@link
 * io.pdslab.harness.lin.gen.HistoryGenerator}.
 */
package io.pdslab.harness.lin.gen;
