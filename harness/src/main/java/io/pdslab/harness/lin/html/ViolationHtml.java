package io.pdslab.harness.lin.html;

import io.pdslab.harness.html.Html;
import io.pdslab.harness.lin.Explanation;
import io.pdslab.harness.lin.Operation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;

/**
 * Renders an {@link Explanation} as one self-contained HTML page (inline CSS and script, nothing
 * fetched, works offline): a lane per client, a bar per operation from call to return, the longest
 * linearisable prefix in green numbered in its order, the operations that cannot come next in red,
 * and details on hover.
 */
public final class ViolationHtml {

  private static final int LANE_HEIGHT = 34;
  private static final int STEP_PX = 18;
  private static final int LEFT = 90;

  private ViolationHtml() {}

  /** Writes the page for {@code explanation} to {@code file}. */
  public static void write(Explanation<?, ?> explanation, String title, Path file)
      throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent); // a report folder nobody created yet is no reason to lose it
    }
    Files.writeString(file, render(explanation, title), StandardCharsets.UTF_8);
  }

  /** The page for {@code explanation} as a string. */
  public static String render(Explanation<?, ?> explanation, String title) {
    List<? extends Operation<?, ?>> ops = explanation.operations();
    long[] times = distinctTimes(ops);
    int end = times.length + 1;
    TreeMap<Integer, Integer> lanes = new TreeMap<>();
    for (Operation<?, ?> op : ops) {
      lanes.putIfAbsent(op.client(), 0);
    }
    int lane = 0;
    for (var e : lanes.entrySet()) {
      e.setValue(lane++);
    }
    int[] order = new int[ops.size()];
    for (int k = 0; k < explanation.linearized().size(); k++) {
      order[explanation.linearized().get(k)] = k + 1;
    }
    boolean[] candidate = new boolean[ops.size()];
    for (Explanation.Candidate c : explanation.candidates()) {
      candidate[c.op()] = true;
    }

    StringBuilder bars = new StringBuilder();
    for (int i = 0; i < ops.size(); i++) {
      Operation<?, ?> op = ops.get(i);
      int from = rank(times, op.callTime());
      int to = op.isPending() ? end : rank(times, op.returnTime());
      String cls =
          order[i] > 0
              ? "op lin"
              : candidate[i] ? "op cand" : i == explanation.deadline() ? "op dead" : "op";
      if (op.isPending()) {
        cls += " pending";
      }
      String label = (order[i] > 0 ? "#" + order[i] + " " : "") + explanation.descriptions().get(i);
      String detail =
          explanation.line(i)
              + (order[i] > 0
                  ? "\nposition " + order[i] + " in the longest linearizable prefix"
                  : "")
              + (candidate[i] ? "\ncannot take effect next" : "")
              + (i == explanation.deadline() ? "\nreturned first among the rest" : "");
      bars.append(
          String.format(
              "<div class=\"%s\" style=\"left:%dpx;top:%dpx;width:%dpx\" data-d=\"%s\">%s</div>%n",
              cls,
              LEFT + from * STEP_PX,
              lanes.get(op.client()) * LANE_HEIGHT + 6,
              Math.max(STEP_PX / 2, (to - from) * STEP_PX),
              Html.escape(detail),
              Html.escape(label)));
    }
    StringBuilder laneLabels = new StringBuilder();
    for (var e : lanes.entrySet()) {
      laneLabels.append(
          String.format(
              "<div class=\"lane\" style=\"top:%dpx\">client %d</div>%n",
              e.getValue() * LANE_HEIGHT, e.getKey()));
    }
    int width = LEFT + (end + 2) * STEP_PX;
    int height = lanes.size() * LANE_HEIGHT + 10;
    return TEMPLATE
        .replace("%TITLE%", Html.escape(title))
        .replace("%TEXT%", Html.escape(explanation.toText()))
        .replace("%W%", Integer.toString(width))
        .replace("%H%", Integer.toString(height))
        .replace("%LANES%", laneLabels)
        .replace("%BARS%", bars);
  }

  /** Times are drawn by rank, so nanosecond and virtual-millisecond clocks both read well. */
  private static long[] distinctTimes(List<? extends Operation<?, ?>> ops) {
    long[] all = new long[ops.size() * 2];
    int k = 0;
    for (Operation<?, ?> op : ops) {
      all[k++] = op.callTime();
      if (!op.isPending()) {
        all[k++] = op.returnTime();
      }
    }
    return Arrays.stream(all, 0, k).sorted().distinct().toArray();
  }

  private static int rank(long[] times, long t) {
    return Arrays.binarySearch(times, t);
  }

  private static final String TEMPLATE =
      """
      <!DOCTYPE html>
      <html lang="en"><head><meta charset="utf-8"><title>%TITLE%</title>
      <style>
      body{font:14px system-ui,sans-serif;margin:16px;color:#222}
      h1{font-size:18px}
      .legend span{display:inline-block;padding:2px 8px;margin-right:8px;border-radius:3px}
      .wrap{overflow-x:auto;border:1px solid #ccc;background:#fafafa}
      .board{position:relative}
      .lane{position:absolute;left:4px;width:80px;line-height:34px;color:#555;font-size:12px}
      .op{position:absolute;height:22px;line-height:22px;font-size:11px;white-space:nowrap;
        overflow:hidden;padding:0 4px;box-sizing:border-box;border-radius:3px;
        background:#d8dde6;border:1px solid #9aa5b8;cursor:default}
      .op.lin{background:#bfe5c0;border-color:#4c9a4f}
      .op.cand{background:#f6c1c1;border-color:#c0392b;font-weight:bold}
      .op.dead{background:#fde7b0;border-color:#d49b00}
      .op.pending{border-style:dashed;border-right:none}
      .op:hover{overflow:visible;z-index:2;outline:2px solid #333}
      #tip{position:fixed;display:none;background:#222;color:#fff;padding:6px 8px;
        border-radius:4px;font:12px monospace;white-space:pre;z-index:5;pointer-events:none}
      pre.text{background:#f4f4f4;padding:10px;border:1px solid #ddd;overflow-x:auto}
      </style></head><body>
      <h1>%TITLE%</h1>
      <p class="legend"><span class="op lin" style="position:static">#k in the longest
      linearizable prefix</span><span class="op cand" style="position:static">cannot take effect
      next</span><span class="op dead" style="position:static">returned first among the
      rest</span><span class="op pending" style="position:static">dashed: never returned</span></p>
      <div class="wrap"><div class="board" style="width:%W%px;height:%H%px">
      %LANES%%BARS%</div></div>
      <h2>Explanation</h2>
      <pre class="text">%TEXT%</pre>
      <div id="tip"></div>
      <script>
      const tip=document.getElementById('tip');
      document.querySelectorAll('.op[data-d]').forEach(el=>{
        el.addEventListener('mousemove',e=>{tip.textContent=el.dataset.d;tip.style.display='block';
          tip.style.left=(e.clientX+12)+'px';tip.style.top=(e.clientY+12)+'px';});
        el.addEventListener('mouseleave',()=>{tip.style.display='none';});
      });
      </script>
      </body></html>
      """;
}
