package io.pdslab.grader.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.openjdk.jmh.util.ListStatistics;

/** Reads JMH's JSON result format ({@code -rf json}) and merges several result files. */
public final class JmhJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The confidence level of JMH's score error. */
  private static final double CONFIDENCE = 0.999;

  private JmhJson() {}

  /** Parses one JMH JSON array; a malformed file is an error naming it. */
  public static List<BenchResult> read(Path file) {
    JsonNode root;
    try {
      root = JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new IllegalArgumentException(file + ": not JMH JSON: " + e.getMessage(), e);
    }
    if (root == null || !root.isArray()) {
      throw new IllegalArgumentException(file + ": expected a JSON array of JMH results");
    }
    List<BenchResult> out = new ArrayList<>();
    for (int i = 0; i < root.size(); i++) {
      out.add(result(root.get(i), file + ": [" + i + "]"));
    }
    return out;
  }

  private static BenchResult result(JsonNode n, String where) {
    JsonNode metric = n.get("primaryMetric");
    if (!n.hasNonNull("benchmark") || !n.hasNonNull("threads") || metric == null) {
      throw new IllegalArgumentException(where + ": missing benchmark, threads or primaryMetric");
    }
    Map<String, String> params = new LinkedHashMap<>();
    JsonNode ps = n.get("params");
    if (ps != null) {
      ps.fields().forEachRemaining(e -> params.put(e.getKey(), e.getValue().asText()));
    }
    JsonNode err = metric.get("scoreError");
    double error = err == null || !err.isNumber() ? Double.NaN : err.asDouble();
    return new BenchResult(
        n.get("benchmark").asText(),
        n.get("threads").asInt(),
        params,
        metric.get("score").asDouble(),
        error,
        metric.path("scoreUnit").asText(""));
  }

  /**
   * Merges JMH JSON arrays into one array file. Results of different benchmarks (method, mode,
   * threads, parameters) are kept as JMH wrote them, in order; results of the same benchmark from
   * several runs (rounds) become one, whose forks are all of theirs and whose score, error,
   * confidence interval and percentiles are what JMH computes over all their iterations.
   *
   * @throws IllegalArgumentException if a benchmark to combine has no raw data
   */
  public static void merge(List<Path> inputs, Path output) {
    Map<String, List<ObjectNode>> byBenchmark = new LinkedHashMap<>();
    try {
      for (Path in : inputs) {
        JsonNode root = JSON.readTree(in.toFile());
        if (root != null && root.isArray()) {
          for (JsonNode result : root) {
            byBenchmark
                .computeIfAbsent(key(result), k -> new ArrayList<>())
                .add((ObjectNode) result);
          }
        }
      }
      ArrayNode all = JSON.createArrayNode();
      byBenchmark.values().forEach(runs -> all.add(runs.size() == 1 ? runs.get(0) : combine(runs)));
      JSON.writerWithDefaultPrettyPrinter().writeValue(output.toFile(), all);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot merge JMH results into " + output, e);
    }
  }

  private static String key(JsonNode result) {
    return result.path("benchmark").asText()
        + " "
        + result.path("mode").asText()
        + " "
        + result.path("threads").asInt()
        + " "
        + result.path("params");
  }

  /** One result holding every fork of {@code runs}, results of one benchmark. */
  private static ObjectNode combine(List<ObjectNode> runs) {
    ObjectNode combined = runs.get(0).deepCopy();
    combined.put("forks", runs.stream().mapToInt(r -> r.path("forks").asInt(1)).sum());
    combined.set("primaryMetric", combineMetric(runs.stream().map(r -> r.get("primaryMetric"))));
    JsonNode secondary = combined.get("secondaryMetrics");
    if (secondary != null && secondary.isObject()) {
      ObjectNode metrics = JSON.createObjectNode();
      secondary
          .fieldNames()
          .forEachRemaining(
              name ->
                  metrics.set(
                      name,
                      combineMetric(
                          runs.stream()
                              .map(r -> r.path("secondaryMetrics").get(name))
                              .filter(m -> m != null))));
      combined.set("secondaryMetrics", metrics);
    }
    return combined;
  }

  /** A metric over the forks of {@code metrics}, with JMH's statistics at 99.9 %. */
  private static ObjectNode combineMetric(Stream<JsonNode> metrics) {
    List<JsonNode> all = metrics.toList();
    ObjectNode combined = all.get(0).deepCopy();
    ArrayNode forks = JSON.createArrayNode();
    ListStatistics stats = new ListStatistics();
    for (JsonNode m : all) {
      JsonNode raw = m.get("rawData");
      if (raw == null || !raw.isArray()) {
        throw new IllegalArgumentException(
            "cannot combine runs of one benchmark without their rawData");
      }
      for (JsonNode fork : raw) {
        forks.add(fork);
        fork.forEach(iteration -> stats.addValue(iteration.asDouble()));
      }
    }
    combined.set("rawData", forks);
    combined.put("score", stats.getMean());
    combined.put("scoreError", stats.getN() > 2 ? stats.getMeanErrorAt(CONFIDENCE) : Double.NaN);
    ArrayNode interval = JSON.createArrayNode();
    for (double bound : stats.getConfidenceIntervalAt(CONFIDENCE)) {
      interval.add(bound);
    }
    combined.set("scoreConfidence", interval);
    JsonNode percentiles = combined.get("scorePercentiles");
    if (percentiles != null && percentiles.isObject()) {
      ObjectNode recomputed = JSON.createObjectNode();
      percentiles
          .fieldNames()
          .forEachRemaining(p -> recomputed.put(p, stats.getPercentile(Double.parseDouble(p))));
      combined.set("scorePercentiles", recomputed);
    }
    return combined;
  }
}
