/**
 * Linearizability checking: record a concurrent history, check it against a sequential model.
 *
 * <ul>
 *   <li>{@link io.pdslab.harness.lin.HistoryRecorder} records {@link
 *       io.pdslab.harness.lin.Operation}s from the simulator (virtual time) or from real threads
 *       ({@code System::nanoTime}); operations that never return stay pending.
 *   <li>{@link io.pdslab.harness.lin.Model} is the sequential specification: {@code init}, {@code
 *       step}, and optionally {@code partition} and descriptions. Built-in models live in {@code
 *       io.pdslab.harness.lin.model}.
 *   <li>{@link io.pdslab.harness.lin.LinearizabilityChecker#check} answers LINEARIZABLE, VIOLATION
 *       with an {@link io.pdslab.harness.lin.Explanation} (longest linearisable prefix, state,
 *       operations that cannot come next; {@code toText()} for a test failure, {@code
 *       io.pdslab.harness.lin.html.ViolationHtml} for an offline HTML view) or UNKNOWN when the
 *       time or memory budget is spent.
 *   <li>{@code io.pdslab.harness.lin.format} reads Jepsen etcd and EDN logs and the project's JSON
 *       history format (documented there); {@code ./pdslab check-history} uses them.
 * </ul>
 */
package io.pdslab.harness.lin;
