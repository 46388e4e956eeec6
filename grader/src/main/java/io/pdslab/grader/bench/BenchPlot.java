package io.pdslab.grader.bench;

import io.pdslab.harness.html.Html;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Renders JMH results as one self-contained HTML page: per benchmark class, an inline SVG chart of
 * throughput against threads (one line per implementation, 99.9% error bars), then a table of the
 * numbers. No scripts and no external resources, so it opens offline.
 */
public final class BenchPlot {
  private static final String[] COLORS = {
    "#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf",
    "#7f7f7f", "#bcbd22"
  };
  private static final int WIDTH = 640;
  private static final int HEIGHT = 360;
  private static final int LEFT = 70;
  private static final int RIGHT = 200;
  private static final int TOP = 20;
  private static final int BOTTOM = 50;

  private BenchPlot() {}

  /** Writes the page for {@code results} under the heading {@code title}. */
  public static void render(String title, List<BenchResult> results, Writer out)
      throws IOException {
    out.write("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>");
    out.write(Html.escape(title));
    out.write(
        "</title><style>body{font-family:sans-serif;margin:2em}"
            + "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 8px;"
            + "text-align:right}th{background:#eee}td:first-child{text-align:left}</style>"
            + "</head><body>\n<h1>");
    out.write(Html.escape(title));
    out.write("</h1>\n");
    Map<String, List<BenchResult>> groups = new TreeMap<>();
    for (BenchResult r : results) {
      groups.computeIfAbsent(r.group(), k -> new ArrayList<>()).add(r);
    }
    if (groups.isEmpty()) {
      out.write("<p>No results.</p>\n");
    }
    for (Map.Entry<String, List<BenchResult>> g : groups.entrySet()) {
      out.write("<h2>" + Html.escape(g.getKey()) + "</h2>\n");
      chart(g.getValue(), out);
      table(g.getValue(), out);
    }
    out.write("</body></html>\n");
  }

  private static void chart(List<BenchResult> rs, Writer out) throws IOException {
    List<Integer> threads =
        new ArrayList<>(new TreeSet<>(rs.stream().map(BenchResult::threads).toList()));
    Map<String, Map<Integer, BenchResult>> series = new TreeMap<>();
    double max = 0;
    for (BenchResult r : rs) {
      series.computeIfAbsent(r.series(), k -> new TreeMap<>()).put(r.threads(), r);
      max = Math.max(max, r.score() + (Double.isNaN(r.error()) ? 0 : r.error()));
    }
    max = niceCeiling(max);
    String unit = rs.get(0).unit();
    int plotW = WIDTH - LEFT - RIGHT;
    int plotH = HEIGHT - TOP - BOTTOM;
    StringBuilder svg = new StringBuilder();
    svg.append(
        String.format(
            Locale.ROOT,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "font-size=\"11\">\n",
            WIDTH,
            HEIGHT));
    // Axes, horizontal grid lines with labels, and one tick per thread count.
    for (int i = 0; i <= 4; i++) {
      double v = max * i / 4;
      double y = TOP + plotH - plotH * i / 4.0;
      svg.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>"
                  + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>\n",
              LEFT,
              y,
              LEFT + plotW,
              y,
              LEFT - 6,
              y + 4,
              num(v)));
    }
    for (int i = 0; i < threads.size(); i++) {
      svg.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%d</text>\n",
              x(i, threads.size(), plotW),
              TOP + plotH + 16,
              threads.get(i)));
    }
    svg.append(
        String.format(
            Locale.ROOT,
            "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#000\"/>"
                + "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#000\"/>\n"
                + "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">threads</text>\n"
                + "<text x=\"14\" y=\"%d\" text-anchor=\"middle\" transform=\"rotate(-90 14 %d)\">"
                + "throughput (%s)</text>\n",
            LEFT,
            TOP + plotH,
            LEFT + plotW,
            TOP + plotH,
            LEFT,
            TOP,
            LEFT,
            TOP + plotH,
            LEFT + plotW / 2,
            HEIGHT - 10,
            TOP + plotH / 2,
            TOP + plotH / 2,
            Html.escape(unit)));
    int s = 0;
    for (Map.Entry<String, Map<Integer, BenchResult>> e : series.entrySet()) {
      String color = COLORS[s % COLORS.length];
      StringBuilder path = new StringBuilder();
      for (int i = 0; i < threads.size(); i++) {
        BenchResult r = e.getValue().get(threads.get(i));
        if (r == null) {
          continue;
        }
        double px = x(i, threads.size(), plotW);
        double py = y(r.score(), max, plotH);
        path.append(path.length() == 0 ? "M" : " L")
            .append(String.format(Locale.ROOT, "%.1f %.1f", px, py));
        if (!Double.isNaN(r.error()) && r.error() > 0) {
          double lo = y(Math.max(0, r.score() - r.error()), max, plotH);
          double hi = y(r.score() + r.error(), max, plotH);
          svg.append(
              String.format(
                  Locale.ROOT,
                  "<path d=\"M%.1f %.1f L%.1f %.1f M%.1f %.1f L%.1f %.1f M%.1f %.1f L%.1f %.1f\" "
                      + "stroke=\"%s\"/>\n",
                  px,
                  lo,
                  px,
                  hi,
                  px - 4,
                  lo,
                  px + 4,
                  lo,
                  px - 4,
                  hi,
                  px + 4,
                  hi,
                  color));
        }
        svg.append(
            String.format(
                Locale.ROOT,
                "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"><title>%s, %d threads: %s"
                    + " ± %s %s</title></circle>\n",
                px,
                py,
                color,
                Html.escape(e.getKey()),
                r.threads(),
                num(r.score()),
                num(r.error()),
                Html.escape(r.unit())));
      }
      svg.append("<path d=\"")
          .append(path)
          .append("\" fill=\"none\" stroke=\"")
          .append(color)
          .append("\" stroke-width=\"2\"/>\n");
      int ly = TOP + 14 * s;
      svg.append(
          String.format(
              Locale.ROOT,
              "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"4\" fill=\"%s\"/>"
                  + "<text x=\"%d\" y=\"%d\">%s</text>\n",
              LEFT + plotW + 12,
              ly,
              color,
              LEFT + plotW + 28,
              ly + 5,
              Html.escape(e.getKey())));
      s++;
    }
    svg.append("</svg>\n");
    out.write(svg.toString());
  }

  private static void table(List<BenchResult> rs, Writer out) throws IOException {
    out.write("<table><tr><th>implementation</th><th>threads</th><th>score</th><th>±</th>");
    out.write("<th>unit</th></tr>\n");
    List<BenchResult> sorted = new ArrayList<>(rs);
    sorted.sort(
        java.util.Comparator.comparing(BenchResult::series).thenComparingInt(BenchResult::threads));
    for (BenchResult r : sorted) {
      out.write(
          "<tr><td>"
              + Html.escape(r.series())
              + "</td><td>"
              + r.threads()
              + "</td><td>"
              + num(r.score())
              + "</td><td>"
              + num(r.error())
              + "</td><td>"
              + Html.escape(r.unit())
              + "</td></tr>\n");
    }
    out.write("</table>\n");
  }

  private static double x(int index, int count, int plotW) {
    return count == 1
        ? LEFT + plotW / 2.0
        : LEFT + 20 + (plotW - 40) * index / (double) (count - 1);
  }

  private static double y(double value, double max, int plotH) {
    return TOP + plotH - plotH * (max == 0 ? 0 : value / max);
  }

  /** The smallest 1, 2 or 5 times a power of ten at or above {@code v}. */
  static double niceCeiling(double v) {
    if (v <= 0 || Double.isNaN(v) || Double.isInfinite(v)) {
      return 1;
    }
    double p = Math.pow(10, Math.floor(Math.log10(v)));
    for (double m : new double[] {1, 2, 5, 10}) {
      if (m * p >= v) {
        return m * p;
      }
    }
    return 10 * p;
  }

  private static String num(double v) {
    if (Double.isNaN(v)) {
      return "n/a";
    }
    return Math.abs(v) >= 100
        ? String.format(Locale.ROOT, "%.0f", v)
        : String.format(Locale.ROOT, "%.3g", v);
  }
}
