package io.pdslab.grader.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads JMH's JSON result format ({@code -rf json}) and merges several result files. */
public final class JmhJson {
  private static final ObjectMapper JSON = new ObjectMapper();

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

  /** Concatenates JMH JSON arrays into one array file, keeping every field as JMH wrote it. */
  public static void merge(List<Path> inputs, Path output) {
    ArrayNode all = JSON.createArrayNode();
    try {
      for (Path in : inputs) {
        JsonNode root = JSON.readTree(in.toFile());
        if (root != null && root.isArray()) {
          all.addAll((ArrayNode) root);
        }
      }
      JSON.writerWithDefaultPrettyPrinter().writeValue(output.toFile(), all);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot merge JMH results into " + output, e);
    }
  }
}
