package io.pdslab.grader.bench;

import static io.pdslab.grader.bench.PlotPage.num;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pdslab.harness.html.Html;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A self-contained HTML page of a latency-versus-offered-load run (the JSON a suite's {@code
 * Latency} main writes, e.g. {@code io.pdslab.bench.rpc.Latency}): one log-log chart of p50, p99
 * and p99.9 as multiples of the transport's ping-pong floor, one line style per percentile and one
 * colour per transport, then every figure in a table, the machine and the method; and the JMH
 * results of the same run, with bytes allocated per operation when JMH ran with {@code -prof gc}.
 */
public final class LatencyPlot {
  private static final String[][] PERCENTILES = {
    {"p50", "p50Floors", ""}, {"p99", "p99Floors", "6 3"}, {"p99.9", "p999Floors", "2 3"}
  };
  private static final int WIDTH = 720;
  private static final int HEIGHT = 400;
  private static final int LEFT = 70;
  private static final int RIGHT = 170;
  private static final int TOP = 20;
  private static final int BOTTOM = 50;

  private LatencyPlot() {}

  /**
   * Reads {@code json} (and {@code jmhJson}, JMH's JSON of the same suite, when not null) and
   * writes the page under {@code title}.
   */
  public static void render(String title, Path json, Path jmhJson, Writer out) throws IOException {
    JsonNode report = new ObjectMapper().readTree(json.toFile());
    PlotPage.head(title, out);
    out.write("<p>" + Html.escape(report.path("method").asText()) + "</p>\n");
    JsonNode m = report.path("machine");
    out.write(
        "<p>Machine: "
            + m.path("cores").asInt()
            + " cores, "
            + Html.escape(m.path("os").asText())
            + ", "
            + Html.escape(m.path("java").asText())
            + "; load average (1, 5, 15 min) "
            + Html.escape(m.path("loadAverageBefore").asText())
            + " before, "
            + Html.escape(m.path("loadAverageAfter").asText())
            + " after.</p>\n<h2>Ping-pong floor</h2>\n<table><tr><th>transport</th>"
            + "<th>round trips</th><th>p50 µs</th><th>p99 µs</th></tr>\n");
    for (JsonNode f : report.path("floors")) {
      out.write(
          "<tr><td>"
              + Html.escape(f.path("transport").asText())
              + "</td><td>"
              + f.path("roundTrips").asLong()
              + "</td><td>"
              + num(f.path("p50Us").asDouble())
              + "</td><td>"
              + num(f.path("p99Us").asDouble())
              + "</td></tr>\n");
    }
    out.write("</table>\n<h2>Latency against offered load, in multiples of the floor</h2>\n");
    Map<String, List<JsonNode>> byTransport = new LinkedHashMap<>();
    for (JsonNode p : report.path("points")) {
      byTransport.computeIfAbsent(p.path("transport").asText(), k -> new ArrayList<>()).add(p);
    }
    chart(byTransport, out);
    table(byTransport, out);
    if (jmhJson != null) {
      jmh(new ObjectMapper().readTree(jmhJson.toFile()), out);
    }
    out.write("</body></html>\n");
  }

  /** JMH's results: score and, under {@code -prof gc}, allocation per operation. */
  private static void jmh(JsonNode runs, Writer out) throws IOException {
    out.write(
        "<h2>JMH</h2>\n<table><tr><th>benchmark</th><th>threads</th><th>score</th><th>±</th>"
            + "<th>unit</th><th>allocated B/op (-prof gc)</th></tr>\n");
    for (JsonNode r : runs) {
      JsonNode primary = r.path("primaryMetric");
      JsonNode metrics = r.path("secondaryMetrics");
      // JMH 1.37 names it gc.alloc.rate.norm; earlier versions put a "·" in front.
      JsonNode alloc =
          metrics.has("gc.alloc.rate.norm")
              ? metrics.path("gc.alloc.rate.norm")
              : metrics.path("·gc.alloc.rate.norm");
      out.write(
          "<tr><td>"
              + Html.escape(r.path("benchmark").asText())
              + "</td><td>"
              + r.path("threads").asInt()
              + "</td><td>"
              + num(primary.path("score").asDouble())
              + "</td><td>"
              + num(primary.path("scoreError").asDouble(Double.NaN))
              + "</td><td>"
              + Html.escape(primary.path("scoreUnit").asText())
              + "</td><td>"
              + (alloc.isMissingNode() ? "n/a" : num(alloc.path("score").asDouble()))
              + "</td></tr>\n");
    }
    out.write("</table>\n");
  }

  private static void chart(Map<String, List<JsonNode>> byTransport, Writer out)
      throws IOException {
    double minX = Double.MAX_VALUE;
    double maxX = 0;
    double maxY = 1;
    for (List<JsonNode> ps : byTransport.values()) {
      for (JsonNode p : ps) {
        minX = Math.min(minX, p.path("offeredPerSec").asDouble());
        maxX = Math.max(maxX, p.path("offeredPerSec").asDouble());
        maxY = Math.max(maxY, p.path("p999Floors").asDouble());
      }
    }
    if (maxX == 0) {
      out.write("<p>No points.</p>\n");
      return;
    }
    double lx0 = Math.floor(Math.log10(minX));
    double lx1 = Math.max(lx0 + 1, Math.ceil(Math.log10(maxX)));
    double ly1 = Math.max(1, Math.ceil(Math.log10(maxY)));
    int plotW = WIDTH - LEFT - RIGHT;
    int plotH = HEIGHT - TOP - BOTTOM;
    StringBuilder svg = new StringBuilder();
    svg.append(
        String.format(
            Locale.ROOT,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-size=\"11\">\n",
            WIDTH,
            HEIGHT));
    for (int d = 0; d <= (int) ly1; d++) {
      double y = TOP + plotH - plotH * d / ly1;
      svg.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>"
                  + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s×</text>\n",
              LEFT,
              y,
              LEFT + plotW,
              y,
              LEFT - 6,
              y + 4,
              num(Math.pow(10, d))));
    }
    for (int d = (int) lx0; d <= (int) lx1; d++) {
      double x = LEFT + plotW * (d - lx0) / (lx1 - lx0);
      svg.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#eee\"/>"
                  + "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>\n",
              x,
              TOP,
              x,
              TOP + plotH,
              x,
              TOP + plotH + 16,
              num(Math.pow(10, d))));
    }
    svg.append(
        String.format(
            Locale.ROOT,
            "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">offered load (calls/s)</text>\n"
                + "<text x=\"14\" y=\"%d\" text-anchor=\"middle\" transform=\"rotate(-90 14 %d)\">"
                + "latency / ping-pong p50</text>\n",
            LEFT + plotW / 2,
            HEIGHT - 10,
            TOP + plotH / 2,
            TOP + plotH / 2));
    int t = 0;
    int legend = 0;
    for (Map.Entry<String, List<JsonNode>> e : byTransport.entrySet()) {
      String color = PlotPage.color(t++);
      for (String[] pct : PERCENTILES) {
        StringBuilder path = new StringBuilder();
        for (JsonNode p : e.getValue()) {
          double v = Math.max(1, p.path(pct[1]).asDouble());
          double px =
              LEFT + plotW * (Math.log10(p.path("offeredPerSec").asDouble()) - lx0) / (lx1 - lx0);
          double py = TOP + plotH - plotH * Math.log10(v) / ly1;
          path.append(path.length() == 0 ? "M" : " L")
              .append(String.format(Locale.ROOT, "%.1f %.1f", px, py));
          svg.append(
              String.format(
                  Locale.ROOT,
                  "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\" fill=\"%s\"><title>%s %s at %d/s:"
                      + " %s× floor</title></circle>\n",
                  px,
                  py,
                  color,
                  Html.escape(e.getKey()),
                  pct[0],
                  p.path("offeredPerSec").asInt(),
                  num(p.path(pct[1]).asDouble())));
        }
        svg.append(
            String.format(
                Locale.ROOT,
                "<path d=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\""
                    + " stroke-dasharray=\"%s\"/>\n",
                path,
                color,
                pct[2]));
        int ly = TOP + 14 * legend++;
        svg.append(
            String.format(
                Locale.ROOT,
                "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2\""
                    + " stroke-dasharray=\"%s\"/><text x=\"%d\" y=\"%d\">%s %s</text>\n",
                LEFT + plotW + 12,
                ly,
                LEFT + plotW + 36,
                ly,
                color,
                pct[2],
                LEFT + plotW + 42,
                ly + 4,
                Html.escape(e.getKey()),
                pct[0]));
      }
    }
    svg.append("</svg>\n");
    out.write(svg.toString());
  }

  private static void table(Map<String, List<JsonNode>> byTransport, Writer out)
      throws IOException {
    out.write(
        "<table><tr><th>transport</th><th>offered /s</th><th>achieved /s</th><th>calls</th>"
            + "<th>failed</th><th>p50 µs</th><th>p99 µs</th><th>p99.9 µs</th><th>max µs</th>"
            + "<th>p50 ×floor</th><th>p99 ×floor</th><th>p99.9 ×floor</th></tr>\n");
    for (List<JsonNode> ps : byTransport.values()) {
      for (JsonNode p : ps) {
        out.write("<tr><td>" + Html.escape(p.path("transport").asText()) + "</td>");
        for (String f :
            List.of(
                "offeredPerSec",
                "achievedPerSec",
                "calls",
                "failed",
                "p50Us",
                "p99Us",
                "p999Us",
                "maxUs",
                "p50Floors",
                "p99Floors",
                "p999Floors")) {
          out.write("<td>" + num(p.path(f).asDouble()) + "</td>");
        }
        out.write("</tr>\n");
      }
    }
    out.write("</table>\n");
  }
}
