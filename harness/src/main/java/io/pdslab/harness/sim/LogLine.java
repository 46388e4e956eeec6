package io.pdslab.harness.sim;

/** A node log line ({@code NodeEnv.log}) at virtual time {@code t}. */
public record LogLine(long t, String node, String text) {}
