package io.pdslab.harness.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens generated pages in headless Chromium: the page script sets {@code data-*} attributes on
 * {@code #trace-status} once it has parsed the events and drawn the first frame. Skipped where
 * {@code /usr/bin/chromium} is not installed.
 */
class TraceHtmlBrowserTest {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Pattern STATUS = Pattern.compile("<div id=\"trace-status\"([^>]*)>");
  private static final Pattern ATTRIBUTE = Pattern.compile("data-([a-z-]+)=\"([^\"]*)\"");

  @TempDir static Path dir;

  @BeforeAll
  static void needsChromium() {
    assumeTrue(
        Files.isExecutable(CHROMIUM),
        "skipped: no headless browser at "
            + CHROMIUM
            + " (Debian: apt-get install chromium) to check the trace viewer page");
  }

  @Test
  void twentyThousandEventsParseAndDrawWithoutErrors() throws Exception {
    Path html = page("big", SyntheticTrace.generate(5, 5, 20_000));
    Map<String, String> status = status(chromium(html.getParent(), "--dump-dom", url(html, "")));
    assertEquals("ready", status.get("state"), status.toString());
    assertEquals("20000", status.get("events"));
    assertEquals("0", status.get("errors"), status.toString());
    assertEquals("8", status.get("lanes"), "5 servers, 2 clients and the nemesis lane");
    assertEquals("1", status.get("failures"));
    assertEquals("0", status.get("warnings"), "every deliver and return matched");
    assertTrue(Integer.parseInt(status.get("arrows")) > 5_000, status.toString());
    assertTrue(Integer.parseInt(status.get("drawn-arrows")) > 0, status.toString());
  }

  @Test
  void screenshotShowsLanesArrowsAndTheFailure() throws Exception {
    Path html = page("small", SyntheticTrace.generate(3, 3, 300));
    Path png = dir.resolve("small.png");
    chromium(html.getParent(), "--screenshot=" + png, url(html, "#from=0&to=80"));
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
        boolean inDiagram =
            y > 120 && x > 300; // below the banner and lane names, right of the axis
        if (inDiagram && Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b)) > 60) {
          colored++;
        }
      }
    }
    assertTrue(failRed > 2_000, "the failure banner is drawn: " + failRed + " red pixels");
    assertTrue(colored > 10_000, "arrows and markers are drawn: " + colored + " colored pixels");
  }

  private static Path page(String name, List<String> lines) throws IOException {
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
      attributes.put(a.group(1), a.group(2));
    }
    return attributes;
  }

  /** Runs Chromium headless with a fresh profile; returns its standard output. */
  private static String chromium(Path workDir, String... args) throws Exception {
    Path profile = Files.createTempDirectory(workDir, "profile");
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
    Process process =
        new ProcessBuilder(command)
            .redirectError(workDir.resolve("chromium-stderr.txt").toFile())
            .start();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Thread reader =
        new Thread(
            () -> {
              try (InputStream in = process.getInputStream()) {
                in.transferTo(out);
              } catch (IOException e) {
                // the process was killed; the assertion below reports it
              }
            });
    reader.start();
    boolean exited = process.waitFor(60, TimeUnit.SECONDS);
    if (!exited) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
    reader.join(5_000);
    assertTrue(exited, "chromium did not finish within 60 s");
    assertEquals(0, process.exitValue(), "chromium exit code; see " + workDir);
    return out.toString(StandardCharsets.UTF_8);
  }
}
