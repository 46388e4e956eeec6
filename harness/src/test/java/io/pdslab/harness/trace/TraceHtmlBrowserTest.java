package io.pdslab.harness.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens generated pages in headless Chromium: the page script sets {@code data-*} attributes on
 * {@code #trace-status} once it has parsed the events and drawn the first frame. Skipped where
 * {@code /usr/bin/chromium} is not installed.
 */
class TraceHtmlBrowserTest {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Pattern STATUS =
      Pattern.compile("<div id=\"trace-status\"((?:\\s+[a-z-]+=\"[^\"]*\")*)\\s*>");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern ATTRIBUTE = Pattern.compile("data-([a-z-]+)=\"([^\"]*)\"");

  @TempDir Path dir;

  @Test
  void pagesRenderInHeadlessChromium() throws Exception {
    assumeTrue(
        Files.isExecutable(CHROMIUM),
        "skipped: no headless browser at "
            + CHROMIUM
            + " (Debian: apt-get install chromium) to check the trace viewer page");
    List<String> lines = SyntheticTrace.generate(5, 5, 20_000);
    int linked = isolatedSend(lines);
    Path big = page("big", lines);
    Path png = dir.resolve("big.png");

    // #event= centres on one event, zooms in, pins it and hovers it through the mouse
    // hit-testing path; one browser run gives both the DOM and a screenshot of that view.
    Chromium run =
        new Chromium(dir, "--screenshot=" + png, "--dump-dom", url(big, "#event=" + linked));

    Map<String, String> bigStatus = status(run.output());
    assertEquals("ready", bigStatus.get("state"), bigStatus.toString());
    assertEquals("20000", bigStatus.get("events"));
    assertEquals("0", bigStatus.get("errors"), bigStatus.toString());
    assertEquals("8", bigStatus.get("lanes"), "5 servers, 2 clients and the nemesis lane");
    assertEquals("1", bigStatus.get("failures"));
    assertEquals("0", bigStatus.get("warnings"), "every deliver and return matched");
    assertTrue(Integer.parseInt(bigStatus.get("arrows")) > 5_000, bigStatus.toString());
    assertTrue(Integer.parseInt(bigStatus.get("drawn-arrows")) > 0, bigStatus.toString());
    assertEquals(String.valueOf(linked), bigStatus.get("hovered"), "hit-testing found the event");
    assertTrue(
        bigStatus.get("tooltip").contains("</script><b>x"),
        "the tooltip shows the message body verbatim: " + bigStatus.get("tooltip"));
    assertScreenshotShowsDiagramAndFailure(png);
  }

  private static void assertScreenshotShowsDiagramAndFailure(Path png) throws IOException {
    BufferedImage image = ImageIO.read(png.toFile());
    assertEquals(1400, image.getWidth());
    int failRed = 0;
    int colored = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 240; x < image.getWidth(); x++) {
        int rgb = image.getRGB(x, y);
        int r = (rgb >> 16) & 0xff;
        int g = (rgb >> 8) & 0xff;
        int b = rgb & 0xff;
        if (Math.abs(r - 0xc6) < 12 && Math.abs(g - 0x28) < 12 && Math.abs(b - 0x28) < 12) {
          failRed++;
        }
        // Below the banner and lane names, right of the time axis: the canvas diagram.
        boolean inDiagram = y > 120 && x > 300;
        if (inDiagram && Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b)) > 60) {
          colored++;
        }
      }
    }
    assertTrue(failRed > 2_000, "the failure banner is drawn: " + failRed + " red pixels");
    assertTrue(colored > 10_000, "arrows and markers are drawn: " + colored + " colored pixels");
  }

  /**
   * The seq of a send in the middle of the trace with no other event on its lane (or across all
   * lanes) within 2 ms, so that hovering its position can only find it.
   */
  private static int isolatedSend(List<String> lines) throws IOException {
    List<JsonNode> events = new ArrayList<>();
    for (String line : lines) {
      events.add(JSON.readTree(line));
    }
    for (int i = events.size() / 2; i < events.size(); i++) {
      JsonNode send = events.get(i);
      if (send.get("type").asText().equals("send") && isolated(events, i)) {
        return i;
      }
    }
    throw new AssertionError("the synthetic trace has no isolated send");
  }

  private static boolean isolated(List<JsonNode> events, int index) {
    JsonNode target = events.get(index);
    long t = target.get("t").asLong();
    for (int j = 0; j < events.size(); j++) {
      JsonNode other = events.get(j);
      if (j == index || Math.abs(other.get("t").asLong() - t) > 2) {
        continue;
      }
      String lane = lane(other);
      if (lane == null || lane.equals(lane(target))) {
        return false;
      }
    }
    return true;
  }

  /** The viewer's lane of an event; null for events drawn across every lane. */
  private static String lane(JsonNode event) {
    String type = event.get("type").asText();
    if (type.equals("send")) {
      return event.get("from").asText();
    }
    if (event.has("to") && !type.equals("link")) {
      return event.get("to").asText();
    }
    if (event.has("node")) {
      return event.get("node").asText();
    }
    return event.has("client") ? event.get("client").asText() : null;
  }

  private Path page(String name, List<String> lines) throws IOException {
    Path jsonl = dir.resolve(name + ".jsonl");
    Files.write(jsonl, lines, StandardCharsets.UTF_8);
    Path html = dir.resolve(name + ".html");
    TraceHtml.write(jsonl, html);
    return html;
  }

  private static String url(Path html, String fragment) {
    return html.toUri() + fragment;
  }

  private static Map<String, String> status(String dom) {
    Matcher m = STATUS.matcher(dom);
    assertTrue(m.find(), "no #trace-status in the dumped DOM");
    Map<String, String> attributes = new HashMap<>();
    Matcher a = ATTRIBUTE.matcher(m.group(1));
    while (a.find()) {
      attributes.put(a.group(1), unescapeAttribute(a.group(2)));
    }
    return attributes;
  }

  /** Chromium escapes {@code & < > "} in serialised attribute values. */
  private static String unescapeAttribute(String value) {
    return value
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
  }

  /** One headless Chromium run with a fresh profile, started at construction. */
  private static final class Chromium {
    private final Process process;
    private final Path stderr;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final Thread reader;

    Chromium(Path workDir, String... args) throws IOException {
      Path profile = Files.createTempDirectory(workDir, "profile");
      stderr = Files.createTempFile(workDir, "chromium", ".err");
      List<String> command =
          new ArrayList<>(
              List.of(
                  CHROMIUM.toString(),
                  "--headless",
                  "--no-sandbox",
                  "--disable-gpu",
                  "--disable-quic",
                  "--no-first-run",
                  "--disable-background-networking",
                  "--disable-component-update",
                  "--disable-sync",
                  "--user-data-dir=" + profile,
                  "--window-size=1400,900"));
      command.addAll(List.of(args));
      process = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
      reader =
          new Thread(
              () -> {
                try (InputStream in = process.getInputStream()) {
                  in.transferTo(out);
                } catch (IOException e) {
                  // the process was killed; output() reports it
                }
              });
      reader.start();
    }

    /**
     * Waits for the run and returns its standard output. About 3 s on an idle 2-core machine; the
     * generous limit only guards against a hung browser on a heavily loaded one.
     */
    String output() throws InterruptedException, IOException {
      boolean exited = process.waitFor(180, TimeUnit.SECONDS);
      if (!exited) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
      }
      reader.join(5_000);
      assertTrue(exited, "chromium did not finish within 180 s");
      assertEquals(0, process.exitValue(), () -> "chromium failed: " + readQuietly(stderr));
      return out.toString(StandardCharsets.UTF_8);
    }

    private static String readQuietly(Path file) {
      try {
        return Files.readString(file);
      } catch (IOException e) {
        return "(no stderr: " + e.getMessage() + ")";
      }
    }
  }
}
