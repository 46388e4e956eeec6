package io.pdslab.harness.sim;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;

/**
 * The simulated network's behaviour: latency (global and per directed link), loss, duplication and
 * long reordering. Partitions and link cuts are set through {@link Simulation}. Every change is
 * recorded in the trace as a {@code nemesis} event. All choices come from a random source of their
 * own, so node behaviour (e.g. an extra log line) never shifts network choices.
 *
 * <pre>{@code
 * sim.network().latency(Latency.uniform(5, 25)).dropRate(0.1).longReordering(0.1, 200, 2200);
 * }</pre>
 */
public final class Network {
  private final TraceRecorder trace;
  private final Random random;
  private final Map<Link, Latency> linkLatency = new HashMap<>();
  private Latency latency = Latency.constant(1);
  private double dropRate;
  private double duplicateRate;
  private double reorderFraction;
  private long reorderMinMs;
  private long reorderMaxMs;

  record Link(String from, String to) {}

  /** What the network decided for one message copy. */
  record Fate(boolean lost, long delayMs, boolean duplicated, long duplicateDelayMs) {}

  Network(TraceRecorder trace, Random random) {
    this.trace = trace;
    this.random = random;
  }

  /** Sets the latency of every link without an override. Default: 1 ms. */
  public Network latency(Latency latency) {
    this.latency = latency;
    trace.nemesis("network: latency changed");
    return this;
  }

  /** Overrides the latency of the directed link {@code from → to}. */
  public Network latency(String from, String to, Latency latency) {
    linkLatency.put(new Link(from, to), latency);
    trace.nemesis("network: latency of " + from + "->" + to + " changed");
    return this;
  }

  /** Drops each message with this probability (0 to 1). */
  public Network dropRate(double probability) {
    this.dropRate = probability(probability, "drop rate");
    trace.nemesis("network: drop rate " + probability);
    return this;
  }

  /** Delivers each message twice with this probability (0 to 1). */
  public Network duplicateRate(double probability) {
    this.duplicateRate = probability(probability, "duplicate rate");
    trace.nemesis("network: duplicate rate " + probability);
    return this;
  }

  /**
   * Delays a {@code fraction} of messages by an extra uniform delay in {@code [minMs, maxMs]}, so
   * they arrive long after later messages (like MIT 6.5840's 200–2200 ms long reordering).
   */
  public Network longReordering(double fraction, long minMs, long maxMs) {
    this.reorderFraction = probability(fraction, "long reordering fraction");
    Latency.uniform(minMs, maxMs); // validates the bounds
    this.reorderMinMs = minMs;
    this.reorderMaxMs = maxMs;
    trace.nemesis("network: long reordering of " + fraction + " by " + minMs + "-" + maxMs + " ms");
    return this;
  }

  /** A reliable network again: no loss, duplication or long reordering (latency unchanged). */
  public Network reliable() {
    dropRate = 0;
    duplicateRate = 0;
    reorderFraction = 0;
    trace.nemesis("network: reliable");
    return this;
  }

  /** An unreliable network like MIT 6.5840's: 10 % loss and a latency uniform in 0–26 ms. */
  public Network unreliable() {
    dropRate = 0.1;
    latency = Latency.uniform(0, 26);
    trace.nemesis("network: unreliable (10% loss, 0-26 ms)");
    return this;
  }

  /**
   * Decides the fate of one message. Always draws the same number of random values, so one
   * message's fate never depends on the configuration of another.
   */
  Fate decide(String from, String to) {
    double lossDraw = random.nextDouble();
    double dupDraw = random.nextDouble();
    double reorderDraw = random.nextDouble();
    double reorderExtra = random.nextDouble();
    Latency l =
        linkLatency.isEmpty() ? latency : linkLatency.getOrDefault(new Link(from, to), latency);
    long delay = l.sample(random) + reorderExtra(reorderDraw, reorderExtra);
    long dupDelay = l.sample(random);
    return new Fate(lossDraw < dropRate, delay, dupDraw < duplicateRate, dupDelay);
  }

  private long reorderExtra(double draw, double extra) {
    if (draw >= reorderFraction) {
      return 0;
    }
    return reorderMinMs + (long) (extra * (reorderMaxMs - reorderMinMs + 1));
  }

  private static double probability(double p, String what) {
    if (!(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException(what + " must be in [0, 1], got " + p);
    }
    return p;
  }

  @Override
  public String toString() {
    return "drop=" + dropRate + " duplicate=" + duplicateRate + " reorder=" + reorderFraction;
  }
}
