package io.pdslab.harness.jgroups;

/**
 * How often the {@link ChaosProtocol} misbehaves on a link: each message arriving over the link
 * draws once from the link's seeded stream and is dropped, duplicated or delayed with these
 * probabilities (at most one of the three).
 *
 * @param drop probability that a message is discarded
 * @param duplicate probability that a message is delivered twice
 * @param delay probability that a message is held back
 * @param maxDelayMillis the longest hold-back, drawn uniformly in {@code [1, maxDelayMillis]}
 */
public record FaultRates(double drop, double duplicate, double delay, int maxDelayMillis) {

  /** No faults. */
  public static final FaultRates NONE = new FaultRates(0, 0, 0, 0);

  /** Checks that the rates are probabilities that sum to at most one. */
  public FaultRates {
    if (drop < 0 || duplicate < 0 || delay < 0 || drop + duplicate + delay > 1) {
      throw new IllegalArgumentException(
          "fault rates must be >= 0 and sum to <= 1: " + drop + ", " + duplicate + ", " + delay);
    }
    if (delay > 0 && maxDelayMillis < 1) {
      throw new IllegalArgumentException("a delay rate needs maxDelayMillis >= 1");
    }
  }

  /** A lossy network: a few percent of messages dropped, duplicated or delayed up to 20 ms. */
  public static FaultRates lossy() {
    return new FaultRates(0.05, 0.05, 0.05, 20);
  }
}
