package io.pdslab.grader.run;

/**
 * One execution of a test method: a seed of a simulation test, or the single run of a plain test.
 *
 * @param name JUnit's display name, e.g. {@code seed=3}
 * @param seed the seed when the display name carries one, else null
 * @param passed whether the parent saw this execution succeed
 * @param message why it failed (a stack trace, a timeout, a crash), or null
 */
public record Invocation(String name, Long seed, boolean passed, String message) {}
