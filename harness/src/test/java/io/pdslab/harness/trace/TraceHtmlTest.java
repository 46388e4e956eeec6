package io.pdslab.harness.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraceHtmlTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DATA_OPEN = "<script type=\"application/json\" id=\"trace-data\">";

  private static String render(List<String> lines) throws IOException {
    StringWriter out = new StringWriter();
    TraceHtml.render(lines, out);
    return out.toString();
  }

  /** The embedded event array, read back the way the browser does: up to the next script end. */
  private static JsonNode embedded(String html) throws IOException {
    int start = html.indexOf(DATA_OPEN) + DATA_OPEN.length();
    int end = html.indexOf("</script>", start);
    return JSON.readTree(html.substring(start, end));
  }

  @Test
  void embedsEveryEventInOrderWithItsKeys() throws IOException {
    List<String> lines = SyntheticTrace.generate(7, 3, 500);
    JsonNode events = embedded(render(lines));
    assertEquals(500, events.size());
    for (int i = 0; i < lines.size(); i++) {
      assertEquals(JSON.readTree(lines.get(i)), events.get(i), "event " + i);
    }
    assertEquals("fail", events.get(499).get("type").asText());
  }

  @Test
  void acceptsEveryEventKindOfTheTraceSchema() throws IOException {
    List<String> lines =
        List.of(
            "{\"seq\":0,\"t\":0,\"type\":\"start\",\"node\":\"n0\"}",
            "{\"seq\":1,\"t\":3,\"type\":\"send\",\"from\":\"n0\",\"to\":\"n1\",\"id\":17,"
                + "\"msg\":\"RequestVote\",\"body\":\"RequestVote[term=1]\"}",
            "{\"seq\":2,\"t\":9,\"type\":\"deliver\",\"from\":\"n0\",\"to\":\"n1\",\"id\":17,"
                + "\"msg\":\"RequestVote\"}",
            "{\"seq\":3,\"t\":9,\"type\":\"drop\",\"from\":\"n0\",\"to\":\"n2\",\"id\":18,"
                + "\"msg\":\"RequestVote\",\"reason\":\"partition\"}",
            "{\"seq\":4,\"t\":9,\"type\":\"duplicate\",\"from\":\"n0\",\"to\":\"n2\",\"id\":18,"
                + "\"msg\":\"RequestVote\"}",
            "{\"seq\":5,\"t\":150,\"type\":\"timer\",\"node\":\"n1\",\"key\":\"election\","
                + "\"msg\":\"ElectionTimeout\"}",
            "{\"seq\":6,\"t\":200,\"type\":\"crash\",\"node\":\"n2\"}",
            "{\"seq\":7,\"t\":210,\"type\":\"partition\",\"groups\":[[\"n0\",\"n1\"],[\"n2\"]]}",
            "{\"seq\":8,\"t\":220,\"type\":\"invoke\",\"client\":\"c0\",\"op\":7,\"f\":\"put\","
                + "\"key\":\"x\",\"value\":\"1\"}",
            "{\"seq\":9,\"t\":260,\"type\":\"return\",\"client\":\"c0\",\"op\":7,\"f\":\"put\","
                + "\"result\":\"ok\"}",
            "{\"seq\":10,\"t\":260,\"type\":\"log\",\"node\":\"n1\",\"text\":\"became leader\"}",
            "{\"seq\":11,\"t\":300,\"type\":\"nemesis\",\"text\":\"random nemesis: crash n2\"}",
            "{\"seq\":12,\"t\":900,\"type\":\"fail\",\"text\":\"election safety\"}");
    JsonNode events = embedded(render(lines));
    assertEquals(13, events.size());
    assertEquals(JSON.readTree(lines.get(7)), events.get(7));
  }

  @Test
  void traceTextCannotBreakOutOfTheScriptElement() throws IOException {
    String nasty =
        "</script><script>alert(1)</script><!-- & \u2028\u2029 \"quoted\" \\ é 🐛 </SCRIPT >";
    String line =
        JSON.createObjectNode()
            .put("seq", 0)
            .put("t", 0)
            .put("type", "log")
            .put("node", "n0")
            .put("text", nasty)
            .toString();
    String html = render(List.of(line));
    // Only the template's own two script elements close.
    assertEquals(2, countOccurrences(html.toLowerCase(), "</script"));
    assertFalse(html.contains("<!-- &"), "an HTML comment opener would change script parsing");
    assertEquals(nasty, embedded(html).get(0).get("text").asText());
  }

  @Test
  void everyPlaceholderIsFilledAndTheFileNameIsEscaped(@TempDir Path dir) throws IOException {
    Path jsonl = dir.resolve("a<b>&\"c\".jsonl");
    Files.write(jsonl, SyntheticTrace.generate(1, 3, 50), StandardCharsets.UTF_8);
    Path html = dir.resolve("out/trace.html");
    TraceHtml.write(jsonl, html);
    String page = Files.readString(html);
    assertFalse(page.contains("__PDSLAB_"), "unfilled placeholder");
    assertTrue(page.contains("a&lt;b&gt;&amp;&quot;c&quot;.jsonl"));
    assertFalse(page.contains("a<b>"));
    assertEquals(50, embedded(page).size());
    assertFalse(page.contains("http://") || page.contains("https://"), "page must work offline");
  }

  @Test
  void blankLinesAreSkipped() throws IOException {
    List<String> lines =
        List.of(
            "{\"seq\":0,\"t\":0,\"type\":\"start\",\"node\":\"n0\"}",
            "",
            "   ",
            "{\"seq\":1,\"t\":5,\"type\":\"crash\",\"node\":\"n0\"}");
    assertEquals(2, embedded(render(lines)).size());
  }

  @Test
  void malformedJsonNamesTheLine() {
    List<String> lines =
        List.of(
            "{\"seq\":0,\"t\":0,\"type\":\"start\",\"node\":\"n0\"}",
            "",
            "{\"seq\":1,\"t\":3,\"type\":\"send\",\"from\":\"n0\" \"to\":\"n1\"}");
    TraceFormatException e = assertThrows(TraceFormatException.class, () -> render(lines));
    assertTrue(e.getMessage().startsWith("trace line 3, column "), e.getMessage());
    assertTrue(e.getMessage().contains("invalid JSON"), e.getMessage());
  }

  @Test
  void eventsMissingRequiredFieldsAreRejected() {
    assertError("{\"seq\":0,\"t\":0}", "trace line 1: field \"type\" must be a string");
    assertError("{\"seq\":0,\"type\":\"crash\"}", "trace line 1: field \"t\" must be an integer");
    assertError("{\"t\":1.5,\"type\":\"crash\"}", "trace line 1: field \"t\" must be an integer");
    assertError("[1,2]", "trace line 1: expected a JSON object");
    assertError("{\"t\":1,\"type\":\"crash\"} {}", "trace line 1, column");
  }

  @Test
  void writeNamesTheFileInErrors(@TempDir Path dir) throws IOException {
    Path jsonl = dir.resolve("run.jsonl");
    Files.writeString(jsonl, "{\"seq\":0,\"t\":0,\"type\":\"start\"}\nnot json\n");
    TraceFormatException e =
        assertThrows(
            TraceFormatException.class, () -> TraceHtml.write(jsonl, dir.resolve("run.html")));
    assertTrue(e.getMessage().startsWith("run.jsonl line 2"), e.getMessage());
  }

  private static void assertError(String line, String expectedPrefix) {
    TraceFormatException e =
        assertThrows(TraceFormatException.class, () -> render(List.of(line)), line);
    assertTrue(e.getMessage().startsWith(expectedPrefix), e.getMessage());
  }

  private static int countOccurrences(String text, String needle) {
    int count = 0;
    for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
      count++;
    }
    return count;
  }
}
