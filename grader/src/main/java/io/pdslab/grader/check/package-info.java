/**
 * The API check every submission passes before any of its code runs.
 *
 * <p>Trust model of grading: the parent JVM (the CLI) decides every outcome; the child JVM that
 * runs the tests holds the runner, JUnit, Lincheck's instrumentation and the result channel's key,
 * and the student's compiled classes. Nothing keeps student code from those at run time except that
 * it cannot name them: {@link io.pdslab.grader.check.BytecodeCheck} reads every class file with ASM
 * and refuses what the lab's {@link io.pdslab.grader.check.ApiPolicy allowlist} does not name. The
 * sandbox (bubblewrap, limits, no network) is the second line for what an allowed API can still do
 * (burn CPU, allocate, spin up threads). The reference never enters the student's JVM: performance
 * checks measure it in separate JVMs and the parent divides.
 */
package io.pdslab.grader.check;
