package io.pdslab.grader.bench;

import io.pdslab.harness.html.Html;
import java.io.IOException;
import java.io.Writer;
import java.util.Locale;

/**
 * What every benchmark page shares: the head with its style sheet and title, the line colours, and
 * how a figure is printed. One place, so the throughput page and the latency page look alike.
 */
final class PlotPage {
  /** Line and bar colours, in the order series are drawn. */
  static final String[] COLORS = {
    "#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf",
    "#7f7f7f", "#bcbd22"
  };

  private static final String STYLE =
      "body{font-family:sans-serif;margin:2em;max-width:60em}"
          + "table{border-collapse:collapse;margin-bottom:1em}"
          + "td,th{border:1px solid #ccc;padding:2px 8px;text-align:right}th{background:#eee}"
          + "td:first-child{text-align:left}.machine{color:#333}"
          + ".warn{background:#fff3cd;border:1px solid #e0a800;padding:.5em 1em}"
          + "td.noisy{background:#fde2e1}";

  private PlotPage() {}

  /** Writes the document head and the {@code <h1>} heading {@code title}. */
  static void head(String title, Writer out) throws IOException {
    out.write("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>");
    out.write(Html.escape(title));
    out.write("</title><style>" + STYLE + "</style></head><body>\n<h1>");
    out.write(Html.escape(title));
    out.write("</h1>\n");
  }

  /** The colour of the {@code i}-th series. */
  static String color(int i) {
    return COLORS[i % COLORS.length];
  }

  /** Three significant digits, whole numbers from 100 up, {@code n/a} for no value. */
  static String num(double v) {
    if (Double.isNaN(v)) {
      return "n/a";
    }
    return Math.abs(v) >= 100
        ? String.format(Locale.ROOT, "%.0f", v)
        : String.format(Locale.ROOT, "%.3g", v);
  }
}
