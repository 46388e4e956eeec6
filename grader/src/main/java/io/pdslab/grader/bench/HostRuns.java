package io.pdslab.grader.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * JMH runs on several hosts: each host's results carry the host as a JMH parameter ({@code
 * params.host}), so that the merged JSON tells them apart (jmh-visualizer and the plot show one
 * series per implementation and host) while every other field stays as JMH wrote it.
 */
public final class HostRuns {
  /** The parameter that names the host a result was measured on. */
  public static final String HOST_PARAM = "host";

  private static final ObjectMapper JSON = new ObjectMapper();

  private HostRuns() {}

  /** Adds {@code params.host = host} to every result of the JMH JSON file {@code file}. */
  public static void tag(Path file, String host) {
    try {
      JsonNode root = JSON.readTree(file.toFile());
      if (root == null || !root.isArray()) {
        throw new IllegalArgumentException(file + ": expected a JSON array of JMH results");
      }
      for (JsonNode n : root) {
        ObjectNode result = (ObjectNode) n;
        JsonNode params = result.get("params");
        ObjectNode p = params instanceof ObjectNode o ? o : result.putObject("params");
        p.put(HOST_PARAM, host);
      }
      JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), root);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot tag " + file + " with its host", e);
    }
  }
}
