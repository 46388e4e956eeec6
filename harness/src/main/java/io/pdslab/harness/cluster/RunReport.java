package io.pdslab.harness.cluster;

import io.pdslab.harness.lin.CheckResult;
import io.pdslab.harness.lin.LinearizabilityChecker;
import io.pdslab.harness.lin.Model;
import io.pdslab.harness.lin.Operation;
import io.pdslab.harness.lin.Verdict;
import io.pdslab.harness.lin.html.ViolationHtml;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * The outcome of a cluster run: throughput and latency percentiles of the completed operations
 * (HdrHistogram), and the linearizability verdict on the whole history.
 */
final class RunReport<I, O> {
  private final ClusterApp<I, O> app;
  private final List<Operation<I, O>> history;
  private final long workNanos;
  private final int faults;

  RunReport(ClusterApp<I, O> app, List<Operation<I, O>> history, long workNanos, int faults) {
    this.app = app;
    this.history = history;
    this.workNanos = workNanos;
    this.faults = faults;
  }

  /** Prints the report, writes its files into {@code dir}, and returns the exit code. */
  int write(PrintStream out, Path dir, List<String> failures) throws IOException {
    Histogram latency = new Histogram(3);
    long completed = 0;
    for (Operation<I, O> op : history) {
      if (!op.isPending()) {
        completed++;
        latency.recordValue(Math.max(0, (op.returnTime() - op.callTime()) / 1000));
      }
    }
    long pending = history.size() - completed;
    double seconds = workNanos / 1e9;
    Files.writeString(
        dir.resolve("history.json"), app.historyJson(history), StandardCharsets.UTF_8);
    CheckResult<I, O> check = check(app.model(), history);

    List<String> lines = new ArrayList<>();
    lines.add(String.format("faults injected: %d", faults));
    lines.add(
        String.format(
            "operations: %d completed in %.1f s (%.1f ops/s), %d still pending at the end",
            completed, seconds, completed / Math.max(seconds, 1e-9), pending));
    if (completed > 0) {
      lines.add(
          String.format(
              "latency ms: p50 %.1f  p90 %.1f  p99 %.1f  p99.9 %.1f  max %.1f",
              latency.getValueAtPercentile(50) / 1000.0,
              latency.getValueAtPercentile(90) / 1000.0,
              latency.getValueAtPercentile(99) / 1000.0,
              latency.getValueAtPercentile(99.9) / 1000.0,
              latency.getMaxValue() / 1000.0));
    }
    lines.add(
        String.format(
            "history: %s, checked in %d ms (%s)",
            check.verdict().name().toLowerCase(java.util.Locale.ROOT),
            check.elapsed().toMillis(),
            dir.resolve("history.json")));
    if (check.verdict() == Verdict.VIOLATION) {
      Path html = dir.resolve("violation.html");
      ViolationHtml.write(check.explanation().orElseThrow(), "cluster run: not linearizable", html);
      lines.add(check.toText());
      lines.add("explained in " + html);
    } else if (check.verdict() == Verdict.UNKNOWN) {
      lines.add("the check was inconclusive: " + check.reason());
    }
    failures.forEach(f -> lines.add("FAILURE " + f));
    if (completed == 0) {
      lines.add("FAILURE no operation completed: the servers made no progress");
    }
    boolean ok = check.isLinearizable() && completed > 0 && failures.isEmpty();
    if (!ok) {
      lines.add("the nodes' logs: " + dir.resolve("logs"));
    }
    lines.add(ok ? "PASS" : "FAIL");
    lines.forEach(out::println);
    Files.write(dir.resolve("report.txt"), lines, StandardCharsets.UTF_8);
    return ok ? 0 : 1;
  }

  private static <S, I, O> CheckResult<I, O> check(
      Model<S, I, O> model, List<Operation<I, O>> history) {
    // A step budget, not a time budget: the verdict must not depend on how busy the machine is.
    return LinearizabilityChecker.checkWithinSteps(
        model, history, LinearizabilityChecker.DEFAULT_STEP_BUDGET);
  }
}
