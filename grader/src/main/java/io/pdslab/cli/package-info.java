/**
 * The {@code pdslab} command line (picocli): {@code list}, {@code test}, {@code replay}, {@code
 * grade}, {@code gradescope}, {@code handout}, {@code bench}, {@code cluster} and {@code
 * check-history}. Commands parse options, report progress and map errors to exit codes (0 ok, 1
 * tests or grading failed, 2 bad usage or input, see {@link io.pdslab.cli.UserError}); the work is
 * done by the {@code io.pdslab.grader} packages and the harness.
 */
package io.pdslab.cli;
