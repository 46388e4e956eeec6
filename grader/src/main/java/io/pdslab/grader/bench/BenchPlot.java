package io.pdslab.grader.bench;

import static io.pdslab.grader.bench.PlotPage.num;

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
 * Renders JMH results as one self-contained HTML page a benchmarker can trust: the machine and its
 * load on top, a warning wherever a confidence interval is wider than the score, then per benchmark
 * class an inline SVG chart in human units (M ops/s, ns/op) — throughput against threads, one line
 * per implementation, or bars when only one thread count was run — with 99.9% confidence intervals,
 * and a table of the numbers (as fractions of the machine's limits when they were measured). No
 * scripts and no external resources, so it opens offline.
 */
public final class BenchPlot {
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
    render(BenchPage.of(title, results), out);
  }

  /** Writes {@code page}. */
  public static void render(BenchPage page, Writer out) throws IOException {
    PlotPage.head(page.title(), out);
    if (page.machine().isPresent()) {
      MachineInfo m = page.machine().get();
      out.write("<p class=\"machine\"><b>Machine:</b> " + Html.escape(m.describe()) + "</p>\n");
      if (m.busy()) {
        out.write(
            "<p class=\"warn\">The load average was above the core count: other work competed"
                + " for the cores, so absolute numbers are low and noisy; only ratios measured in"
                + " this same run are worth comparing.</p>\n");
      }
    }
    for (String w : page.warnings()) {
      out.write("<p class=\"warn\">" + Html.escape(w) + "</p>\n");
    }
    List<BenchResult> noisy = page.noisy();
    if (!noisy.isEmpty()) {
      out.write(
          "<p class=\"warn\"><b>"
              + noisy.size()
              + " of "
              + page.results().size()
              + " results have a 99.9% confidence interval wider than the score itself</b>"
              + " (marked in the tables): they do not tell one implementation from another. Run"
              + " longer (<code>"
              + Html.escape(page.longerRun())
              + "</code>), on a quieter machine.</p>\n");
    }
    page.limits().ifPresent(l -> limits(l, out));
    if (page.limits().isPresent()
        && page.results().stream()
            .filter(r -> !HardwareLimits.isLimit(r))
            .anyMatch(r -> page.limits().get().fraction(r) > 1)) {
      out.write(
          "<p class=\"warn\">Some throughputs exceed the measured limit, so the limit was not"
              + " measured: on a loaded machine the ping-pong waits for the scheduler, not for the"
              + " cache line. Calibrate again on a quiet machine before reading the fractions."
              + "</p>\n");
    }
    Map<String, List<BenchResult>> groups = new TreeMap<>();
    for (BenchResult r : page.results()) {
      groups.computeIfAbsent(r.group(), k -> new ArrayList<>()).add(r);
    }
    if (groups.isEmpty()) {
      out.write("<p>No results.</p>\n");
    }
    for (Map.Entry<String, List<BenchResult>> g : groups.entrySet()) {
      out.write("<h2>" + Html.escape(g.getKey()) + "</h2>\n");
      if (onePointEach(g.getValue())) {
        bars(g.getValue(), out);
      } else {
        chart(g.getValue(), out);
      }
      table(g.getValue(), page.limits(), out);
      ratios(page.ratios().stream().filter(r -> r.group().equals(g.getKey())).toList(), out);
    }
    out.write("</body></html>\n");
  }

  private static void limits(HardwareLimits l, Writer out) {
    try {
      HumanUnit cu = HumanUnit.of(l.cas().unit());
      HumanUnit hu = HumanUnit.of(l.handoff().unit());
      out.write(
          String.format(
              Locale.ROOT,
              "<p><b>This machine's limits</b> (same run): uncontended CAS %s %s (%s ns each, one"
                  + " thread); cache-line hand-off between two cores %s %s (%s ns each). The"
                  + " other benchmarks' tables show each throughput as a fraction of the first at"
                  + " one thread and of the second at more.</p>%n",
              num(cu.toHuman(l.cas().score())),
              Html.escape(cu.label()),
              num(nanosEach(l.cas())),
              num(hu.toHuman(l.handoff().score())),
              Html.escape(hu.label()),
              num(nanosEach(l.handoff()))));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * The group's ratios to the JDK's implementation, taken round by round: a run's fairest
   * comparison, since both sides of a round ran minutes apart under the same load.
   */
  private static void ratios(List<RoundRatios.Ratio> ratios, Writer out) throws IOException {
    if (ratios.isEmpty()) {
      return;
    }
    out.write(
        "<p>Throughput over the JDK's implementation (<code>"
            + RoundRatios.PEER
            + "</code>), taken in each round and summed up by the median:</p>\n");
    out.write("<table><tr><th>implementation</th><th>threads</th><th>median ratio</th>");
    out.write("<th>lowest round</th><th>highest round</th><th>each round</th></tr>\n");
    for (RoundRatios.Ratio r : ratios) {
      out.write(
          String.format(
              Locale.ROOT,
              "<tr><td>%s</td><td>%d</td><td><b>%.2f</b></td><td>%.2f</td><td>%.2f</td><td>%s</td>"
                  + "</tr>%n",
              Html.escape(r.series()),
              r.threads(),
              r.median(),
              r.min(),
              r.max(),
              String.join(
                  ", ",
                  r.perRound().stream().map(v -> String.format(Locale.ROOT, "%.2f", v)).toList())));
    }
    out.write("</table>\n");
  }

  /** Nanoseconds per operation of a throughput row (NaN for other units). */
  public static double nanosEach(BenchResult r) {
    HumanUnit u = HumanUnit.of(r.unit());
    double mOpsPerSec = u.toHuman(r.score());
    return u.throughput() && mOpsPerSec > 0 ? 1e3 / mOpsPerSec : Double.NaN;
  }

  /** Whether every implementation was run at one thread count only: then a line means nothing. */
  private static boolean onePointEach(List<BenchResult> rs) {
    return rs.stream().map(BenchResult::series).distinct().count() == rs.size();
  }

  /**
   * The top of the value axis: the highest score plus its interval, but at most twice the highest
   * score, so that one huge interval does not squash every bar (it is cut at the edge instead).
   */
  private static double axisMax(List<BenchResult> rs, HumanUnit unit) {
    double top = 0;
    double best = 0;
    for (BenchResult r : rs) {
      double v = unit.toHuman(r.score());
      best = Math.max(best, v);
      top = Math.max(top, v + (Double.isNaN(r.error()) ? 0 : unit.toHuman(r.error())));
    }
    return niceCeiling(Math.min(top, 2 * best));
  }

  /** One bar per implementation, for a single thread count, with its confidence interval. */
  private static void bars(List<BenchResult> rs, Writer out) throws IOException {
    List<BenchResult> sorted = new ArrayList<>(rs);
    sorted.sort(java.util.Comparator.comparing(BenchResult::series));
    HumanUnit unit = HumanUnit.of(rs.get(0).unit());
    double max = axisMax(rs, unit);
    boolean sameThreads = rs.stream().map(BenchResult::threads).distinct().count() == 1;
    int barH = 22;
    int gap = 8;
    int labelW = 200;
    int plotW = WIDTH - labelW - 90;
    int height = TOP + sorted.size() * (barH + gap) + 40;
    StringBuilder svg = new StringBuilder();
    svg.append(
        String.format(
            Locale.ROOT,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "font-size=\"11\">\n",
            WIDTH,
            height));
    int axisY = TOP + sorted.size() * (barH + gap);
    for (int i = 0; i <= 4; i++) {
      double x = labelW + plotW * i / 4.0;
      svg.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/>"
                  + "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>\n",
              x,
              TOP - 4,
              x,
              axisY,
              x,
              axisY + 14,
              num(max * i / 4)));
    }
    svg.append(
        String.format(
            Locale.ROOT,
            "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>\n",
            labelW + plotW / 2.0,
            axisY + 32,
            Html.escape(
                axisLabel(unit) + (sameThreads ? ", " + threads(rs.get(0).threads()) : ""))));
    for (int i = 0; i < sorted.size(); i++) {
      BenchResult r = sorted.get(i);
      String color = PlotPage.color(i);
      double y = TOP + i * (barH + gap);
      double v = unit.toHuman(r.score());
      double w = max == 0 ? 0 : plotW * v / max;
      svg.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>"
                  + "<rect x=\"%d\" y=\"%.1f\" width=\"%.1f\" height=\"%d\" fill=\"%s\">"
                  + "<title>%s</title></rect>\n",
              labelW - 6,
              y + barH / 2.0 + 4,
              Html.escape(r.series() + (sameThreads ? "" : " (" + threads(r.threads()) + ")")),
              labelW,
              y,
              w,
              barH,
              color,
              Html.escape(tooltip(r, unit))));
      double e = Double.isNaN(r.error()) ? 0 : unit.toHuman(r.error());
      double lo = labelW + (max == 0 ? 0 : plotW * Math.max(0, v - e) / max);
      double hi = labelW + (max == 0 ? 0 : plotW * Math.min(max, v + e) / max);
      if (e > 0) {
        double mid = y + barH / 2.0;
        svg.append(
            String.format(
                Locale.ROOT,
                "<path d=\"M%.1f %.1f L%.1f %.1f M%.1f %.1f L%.1f %.1f M%.1f %.1f L%.1f %.1f\""
                    + " stroke=\"#000\"/>\n",
                lo,
                mid,
                hi,
                mid,
                lo,
                mid - 5,
                lo,
                mid + 5,
                hi,
                mid - 5,
                hi,
                mid + 5));
      }
      svg.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%.1f\" y=\"%.1f\"%s>%s</text>\n",
              Math.max(labelW + w, hi) + 6,
              y + barH / 2.0 + 4,
              BenchPage.noisy(r) ? " fill=\"#c00\"" : "",
              Html.escape(num(v) + (BenchPage.noisy(r) ? " (noise)" : ""))));
    }
    svg.append("</svg>\n");
    out.write(svg.toString());
  }

  private static String threads(int n) {
    return n + (n == 1 ? " thread" : " threads");
  }

  private static String axisLabel(HumanUnit unit) {
    return (unit.throughput() ? "throughput" : "time") + " (" + unit.label() + ")";
  }

  private static String tooltip(BenchResult r, HumanUnit unit) {
    return r.series()
        + ", "
        + r.threads()
        + " threads: "
        + num(unit.toHuman(r.score()))
        + " ± "
        + num(unit.toHuman(r.error()))
        + " "
        + unit.label();
  }

  private static void chart(List<BenchResult> rs, Writer out) throws IOException {
    List<Integer> threads =
        new ArrayList<>(new TreeSet<>(rs.stream().map(BenchResult::threads).toList()));
    Map<String, Map<Integer, BenchResult>> series = new TreeMap<>();
    HumanUnit unit = HumanUnit.of(rs.get(0).unit());
    for (BenchResult r : rs) {
      series.computeIfAbsent(r.series(), k -> new TreeMap<>()).put(r.threads(), r);
    }
    double max = axisMax(rs, unit);
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
                + "%s</text>\n",
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
            Html.escape(axisLabel(unit))));
    int s = 0;
    for (Map.Entry<String, Map<Integer, BenchResult>> e : series.entrySet()) {
      String color = PlotPage.color(s);
      StringBuilder path = new StringBuilder();
      for (int i = 0; i < threads.size(); i++) {
        BenchResult r = e.getValue().get(threads.get(i));
        if (r == null) {
          continue;
        }
        double px = x(i, threads.size(), plotW);
        double score = unit.toHuman(r.score());
        double error = unit.toHuman(r.error());
        double py = y(score, max, plotH);
        path.append(path.length() == 0 ? "M" : " L")
            .append(String.format(Locale.ROOT, "%.1f %.1f", px, py));
        if (!Double.isNaN(error) && error > 0) {
          double lo = y(Math.max(0, score - error), max, plotH);
          double hi = y(Math.min(max, score + error), max, plotH);
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
                "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"><title>%s</title>"
                    + "</circle>\n",
                px,
                py,
                color,
                Html.escape(tooltip(r, unit))));
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

  private static void table(
      List<BenchResult> rs, java.util.Optional<HardwareLimits> limits, Writer out)
      throws IOException {
    boolean fractions = limits.isPresent() && rs.stream().noneMatch(HardwareLimits::isLimit);
    out.write("<table><tr><th>implementation</th><th>threads</th><th>score</th>");
    out.write("<th>± 99.9% CI</th><th>unit</th><th>ns/op per thread</th>");
    if (fractions) {
      out.write("<th>of the machine's limit</th>");
    }
    out.write("</tr>\n");
    List<BenchResult> sorted = new ArrayList<>(rs);
    sorted.sort(
        java.util.Comparator.comparing(BenchResult::series).thenComparingInt(BenchResult::threads));
    for (BenchResult r : sorted) {
      HumanUnit unit = HumanUnit.of(r.unit());
      boolean noisy = BenchPage.noisy(r);
      double perThread = unit.throughput() ? nanosEach(r) * r.threads() : unit.toHuman(r.score());
      out.write(
          "<tr><td>"
              + Html.escape(r.series())
              + "</td><td>"
              + r.threads()
              + "</td><td>"
              + num(unit.toHuman(r.score()))
              + "</td><td"
              + (noisy ? " class=\"noisy\" title=\"wider than the score: noise\"" : "")
              + ">"
              + num(unit.toHuman(r.error()))
              + "</td><td>"
              + Html.escape(unit.label())
              + "</td><td>"
              + num(perThread)
              + "</td>");
      if (fractions) {
        HardwareLimits l = limits.get();
        double f = l.fraction(r);
        String of = r.threads() <= 1 ? "CAS" : "hand-off";
        out.write(
            "<td>"
                + (Double.isNaN(f) ? "n/a" : String.format(Locale.ROOT, "%.3f of %s", f, of))
                + "</td>");
      }
      out.write("</tr>\n");
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
}
