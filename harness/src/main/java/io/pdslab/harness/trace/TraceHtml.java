package io.pdslab.harness.trace;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pdslab.harness.html.Html;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;

/**
 * Turns a JSON Lines simulation trace (one event per line, see the trace event schema) into one
 * self-contained HTML page: a Lamport diagram drawn on a canvas, with filters, zoom, pan and event
 * details. The page needs no network and no other file.
 *
 * <p>Every line is checked to be a JSON object with a string {@code type} and an integer {@code t};
 * a bad line is reported as a {@link TraceFormatException} naming its line number. Blank lines are
 * ignored. The events are re-serialised compactly with {@code <}, {@code >}, {@code &} and the
 * JavaScript line separators escaped, so no trace content can close the embedding script element.
 */
public final class TraceHtml {

  private static final String TEMPLATE_RESOURCE = "trace-viewer.html";
  private static final String DATA_PLACEHOLDER = "\"__PDSLAB_TRACE_DATA__\"";
  private static final String TITLE_PLACEHOLDER = "__PDSLAB_TRACE_TITLE__";
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private TraceHtml() {}

  /**
   * Reads the trace at {@code jsonl} and writes the viewer page to {@code html} (parent folders are
   * created).
   *
   * @throws TraceFormatException if a line is not a valid trace event; the message names the file
   *     and the line
   */
  public static void write(Path jsonl, Path html) throws IOException {
    Path parent = html.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    String source = jsonl.getFileName().toString();
    try (BufferedReader in = Files.newBufferedReader(jsonl, StandardCharsets.UTF_8);
        Writer out = Files.newBufferedWriter(html, StandardCharsets.UTF_8)) {
      Iterator<String> lines = in.lines().iterator();
      try {
        render(source, lines, out);
      } catch (UncheckedIOException e) {
        throw e.getCause();
      }
    }
  }

  /**
   * Writes the viewer page for the given trace lines to {@code out} (not closed).
   *
   * @throws TraceFormatException if a line is not a valid trace event; the message names the line
   */
  public static void render(List<String> jsonLines, Writer out) throws IOException {
    render("trace", jsonLines.iterator(), out);
  }

  private static void render(String source, Iterator<String> lines, Writer out) throws IOException {
    String template = template();
    int data = template.indexOf(DATA_PLACEHOLDER);
    out.write(template.substring(0, data).replace(TITLE_PLACEHOLDER, Html.escape(source)));
    out.write('[');
    int lineNumber = 0;
    boolean first = true;
    while (lines.hasNext()) {
      String line = lines.next();
      lineNumber++;
      if (line.isBlank()) {
        continue;
      }
      if (!first) {
        out.write(",\n");
      }
      first = false;
      out.write(escapeForScript(JSON.writeValueAsString(parseEvent(source, lineNumber, line))));
    }
    out.write(']');
    out.write(template.substring(data + DATA_PLACEHOLDER.length()));
    out.flush();
  }

  private static JsonNode parseEvent(String source, int lineNumber, String line) {
    JsonNode event;
    try {
      event = JSON.readTree(line);
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? "" : ", column " + e.getLocation().getColumnNr();
      throw new TraceFormatException(
          source + " line " + lineNumber + where + ": invalid JSON: " + e.getOriginalMessage());
    }
    if (event == null || !event.isObject()) {
      throw new TraceFormatException(
          source + " line " + lineNumber + ": expected a JSON object (one event per line)");
    }
    if (!event.path("type").isTextual()) {
      throw new TraceFormatException(
          source + " line " + lineNumber + ": field \"type\" must be a string");
    }
    if (!event.path("t").canConvertToLong() || !event.path("t").isIntegralNumber()) {
      throw new TraceFormatException(
          source + " line " + lineNumber + ": field \"t\" must be an integer (virtual ms)");
    }
    return event;
  }

  /**
   * Makes compact JSON safe inside a {@code <script>} element. In compact JSON these characters can
   * only occur inside strings, where the {@code \\uXXXX} form means the same.
   */
  static String escapeForScript(String json) {
    StringBuilder out = new StringBuilder(json.length() + 16);
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      switch (c) {
        case '<' -> out.append("\\u003c");
        case '>' -> out.append("\\u003e");
        case '&' -> out.append("\\u0026");
        case '\u2028' -> out.append("\\u2028");
        case '\u2029' -> out.append("\\u2029");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  private static String template() throws IOException {
    try (InputStream in = TraceHtml.class.getResourceAsStream(TEMPLATE_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + TEMPLATE_RESOURCE);
      }
      String template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      if (template.indexOf(DATA_PLACEHOLDER) < 0) {
        throw new IllegalStateException(TEMPLATE_RESOURCE + " lacks the data placeholder");
      }
      return template;
    }
  }
}
