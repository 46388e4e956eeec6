package io.pdslab.grader.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One JMH result row: a benchmark method at one thread count with one set of parameters.
 *
 * @param benchmark fully qualified method, e.g. {@code io.pdslab.bench.concurrent.QueueBench.jdk}
 * @param threads worker threads
 * @param params JMH {@code @Param} values, sorted by name
 * @param score the primary metric
 * @param error the primary metric's 99.9% confidence half-width (NaN when unknown)
 * @param unit the primary metric's unit, e.g. {@code ops/us}
 */
public record BenchResult(
    String benchmark,
    int threads,
    Map<String, String> params,
    double score,
    double error,
    String unit) {

  /** Copies {@code params} into a sorted map. */
  public BenchResult {
    params = new TreeMap<>(params);
  }

  /** The benchmark class's simple name: one chart each, e.g. {@code QueueBench}. */
  public String group() {
    String[] parts = benchmark.split("\\.");
    return parts.length >= 2 ? parts[parts.length - 2] : benchmark;
  }

  /** The implementation: method name plus parameters, e.g. {@code reference lock=mcs}. */
  public String series() {
    String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
    if (params.isEmpty()) {
      return method;
    }
    return method
        + " "
        + params.entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue())
            .collect(Collectors.joining(" "));
  }
}
