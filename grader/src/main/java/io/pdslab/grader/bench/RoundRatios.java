package io.pdslab.grader.bench;

import io.pdslab.harness.perf.Median;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Each implementation's throughput over its JDK peer's, taken in each round of a run (where the two
 * ran minutes apart at most, on the same machine under the same load) and summed up by the median
 * over the rounds. The peer of a benchmark is the one method named {@code jdk} of its class at the
 * same thread count; a class without one gets no ratio.
 */
public final class RoundRatios {

  /** The method name of the JDK's implementation in a benchmark class. */
  public static final String PEER = "jdk";

  /**
   * One implementation's ratios.
   *
   * @param group the benchmark class, e.g. {@code HashSetBench}
   * @param series the implementation, e.g. {@code reference set=lazy}
   * @param threads worker threads
   * @param perRound the ratio in each round where both sides ran, in round order
   */
  public record Ratio(String group, String series, int threads, List<Double> perRound) {

    /** Copies {@code perRound}. */
    public Ratio {
      perRound = List.copyOf(perRound);
    }

    /** The median ratio over the rounds. */
    public double median() {
      return Median.of(perRound.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** The lowest ratio of a round. */
    public double min() {
      return perRound.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    /** The highest ratio of a round. */
    public double max() {
      return perRound.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }
  }

  private RoundRatios() {}

  /**
   * The ratios of every implementation that has a peer, in the order of the first round.
   *
   * @param rounds each round's results
   */
  public static List<Ratio> of(List<List<BenchResult>> rounds) {
    Map<Series, List<Double>> perRound = new LinkedHashMap<>();
    for (List<BenchResult> round : rounds) {
      Map<Series, BenchResult> peers = new LinkedHashMap<>();
      for (BenchResult r : round) {
        if (r.series().equals(PEER)) {
          peers.put(Series.of(r).peer(), r);
        }
      }
      for (BenchResult r : round) {
        Series series = Series.of(r);
        BenchResult peer = peers.get(series.peer());
        if (peer == null || r.series().equals(PEER) || peer.score() <= 0) {
          continue;
        }
        perRound.computeIfAbsent(series, s -> new ArrayList<>()).add(r.score() / peer.score());
      }
    }
    List<Ratio> ratios = new ArrayList<>();
    perRound.forEach((s, xs) -> ratios.add(new Ratio(s.group(), s.series(), s.threads(), xs)));
    return ratios;
  }

  /** What a ratio is of: one implementation of a benchmark class at one thread count. */
  private record Series(String group, String series, int threads) {
    static Series of(BenchResult r) {
      return new Series(r.group(), r.series(), r.threads());
    }

    /** The JDK's implementation in the same class at the same thread count. */
    Series peer() {
      return new Series(group, PEER, threads);
    }
  }
}
