package io.pdslab.labs.raft.testing;

import java.util.stream.LongStream;

/**
 * The seeds a simulated test runs on: {@code pdslab.seed=N} runs exactly seed N, otherwise seeds
 * 1..K with K = {@code pdslab.seeds} (default 3).
 */
public final class Seeds {
  private Seeds() {}

  /** For {@code @MethodSource("io.pdslab.labs.raft.testing.Seeds#seeds")}. */
  public static LongStream seeds() {
    String one = System.getProperty("pdslab.seed");
    if (one != null && !one.isBlank()) {
      return LongStream.of(Long.parseLong(one.trim()));
    }
    int k = Integer.parseInt(System.getProperty("pdslab.seeds", "3").trim());
    return LongStream.rangeClosed(1, k);
  }
}
