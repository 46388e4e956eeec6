/**
 * The parent's side of running tests: a sandboxed child JVM per run ({@link
 * io.pdslab.grader.run.TestExecutor}) under resource limits and a watchdog, whose results arrive on
 * an authenticated channel; the parent decides every outcome.
 */
package io.pdslab.grader.run;
