package io.pdslab.harness.trace;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Collects trace events as JSON Lines (CONTRACTS §2): assigns {@code seq} from 0, writes keys in
 * the order {@code seq, t, type, fields...}. Kept in memory so a failing run can still write its
 * trace afterwards; the same events give the same bytes.
 */
public final class TraceWriter {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<String> lines = new ArrayList<>();

  /** Appends an event at virtual time {@code t} and returns its JSON line. */
  public String append(long t, TraceEvent event) {
    ObjectNode node = JSON.createObjectNode();
    node.put("seq", lines.size());
    node.put("t", t);
    node.put("type", event.type());
    for (Map.Entry<String, Object> field : event.fields().entrySet()) {
      node.set(field.getKey(), JSON.valueToTree(field.getValue()));
    }
    try {
      String line = JSON.writeValueAsString(node);
      lines.add(line);
      return line;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise trace event " + event.type(), e);
    }
  }

  /** The JSON lines so far, oldest first. */
  public List<String> lines() {
    return Collections.unmodifiableList(lines);
  }

  /** Writes every line, each ending in {@code \n}, to {@code file} (parents are created). */
  public void writeTo(Path file) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      StringBuilder out = new StringBuilder();
      for (String line : lines) {
        out.append(line).append('\n');
      }
      Files.writeString(file, out, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write trace " + file, e);
    }
  }
}
