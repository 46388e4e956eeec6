package io.pdslab.harness.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pdslab.harness.lin.Model;
import io.pdslab.harness.lin.Operation;
import io.pdslab.harness.lin.format.JsonHistoryFormat;
import io.pdslab.harness.lin.model.KvModel;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The verdict of a run: only a linearizable history with progress and no failed node passes. */
class RunReportTest {
  @TempDir Path dir;

  /** Only the parts of an app the report uses. */
  private static final class KvApp implements ClusterApp<KvModel.Op, String> {
    @Override
    public ClusterDriver<KvModel.Op, String> driver(DriverSpec spec) {
      throw new UnsupportedOperationException();
    }

    @Override
    public RunningNode startNode(NodeSpec spec, NodeFailure failed) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Model<?, KvModel.Op, String> model() {
      return new KvModel();
    }

    @Override
    public String historyJson(List<Operation<KvModel.Op, String>> history) {
      return JsonHistoryFormat.writeKv(history);
    }
  }

  private String report(
      List<Operation<KvModel.Op, String>> history, List<String> failures, int code)
      throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int exit =
        new RunReport<>(new KvApp(), history, 2_000_000_000L, 1)
            .write(new PrintStream(bytes, true, StandardCharsets.UTF_8), dir, failures);
    String text = bytes.toString(StandardCharsets.UTF_8);
    assertEquals(code, exit, text);
    assertEquals(text.strip(), Files.readString(dir.resolve("report.txt")).strip());
    return text;
  }

  @Test
  void aStaleReadFailsTheRunAndIsExplained() throws Exception {
    // x=1 completes before the read starts, yet the read returns the initial "".
    String text =
        report(
            List.of(
                Operation.of(0, KvModel.Op.put("x", "1"), "", 0, 10_000_000),
                Operation.of(1, KvModel.Op.get("x"), "", 20_000_000, 30_000_000)),
            List.of(),
            1);
    assertTrue(text.contains("history: violation"), text);
    assertTrue(Files.isRegularFile(dir.resolve("violation.html")), text);
    assertTrue(Files.readString(dir.resolve("history.json")).contains("\"x\""));
    assertTrue(text.strip().endsWith("FAIL"), text);
  }

  @Test
  void aLinearizableRunPassesAndReportsLatency() throws Exception {
    String text =
        report(
            List.of(
                Operation.of(0, KvModel.Op.put("x", "1"), "", 0, 10_000_000),
                Operation.of(1, KvModel.Op.get("x"), "1", 20_000_000, 30_000_000),
                Operation.pending(2, KvModel.Op.append("x", "2"), 25_000_000)),
            List.of(),
            0);
    assertTrue(text.contains("2 completed in 2.0 s (1.0 ops/s), 1 still pending"), text);
    assertTrue(text.contains("latency ms: p50 10.0"), text);
    assertTrue(text.strip().endsWith("PASS"), text);
  }

  @Test
  void noProgressOrAFailedNodeFailsALinearizableRun() throws Exception {
    String text = report(List.of(), List.of(), 1);
    assertTrue(text.contains("no operation completed"), text);
    text =
        report(
            List.of(Operation.of(0, KvModel.Op.put("x", "1"), "", 0, 10_000_000)),
            List.of("n1: its node stopped on an exception"),
            1);
    assertTrue(text.contains("FAILURE n1: its node stopped on an exception"), text);
  }
}
