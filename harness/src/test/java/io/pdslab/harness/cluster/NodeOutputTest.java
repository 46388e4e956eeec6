package io.pdslab.harness.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The driver's marks are taken out of a node's output; every other line reaches its log. */
class NodeOutputTest {
  @TempDir Path dir;

  @Test
  void aGarbledPidLineIsKeptAsOutputAndTheRestIsStillCopied() throws Exception {
    Path log = dir.resolve("n0.log");
    String out =
        NodeOutput.PID_MARK
            + "not-a-number\nstarting\n"
            + NodeOutput.FAILED_MARK
            + "node n0 could not start: boom\n";
    NodeOutput output =
        new NodeOutput(new ByteArrayInputStream(out.getBytes(StandardCharsets.UTF_8)), log, "n0");

    assertEquals("node n0 could not start: boom", output.failure());
    ExecutionException noPid =
        assertThrows(ExecutionException.class, () -> output.pid().get(5, TimeUnit.SECONDS));
    assertEquals("the node's output ended", noPid.getCause().getMessage());
    assertEquals(
        NodeOutput.PID_MARK + "not-a-number\nstarting\n",
        Files.readString(log, StandardCharsets.UTF_8));
  }

  /**
   * A log that cannot be opened must not stop the reading: a node whose output is not read blocks
   * on its next write. The marks are still taken out, and the node's failure says why it has no
   * log.
   */
  @Test
  void aLogThatCannotBeOpenedIsReportedAndTheOutputStillRead() throws Exception {
    Path log = dir.resolve("no-such-folder").resolve("n0.log");
    String lines =
        NodeOutput.PID_MARK
            + "4242\n"
            + "starting\n".repeat(10_000)
            + NodeOutput.READY_MARK
            + "\n"
            + NodeOutput.FAILED_MARK
            + "boom\n";
    ByteArrayInputStream out = new ByteArrayInputStream(lines.getBytes(StandardCharsets.UTF_8));
    NodeOutput output = new NodeOutput(out, log, "n0");

    String failure = output.failure();
    assertEquals(0, out.available(), "the node's output was not read to its end");
    assertEquals(4242L, output.pid().get(5, TimeUnit.SECONDS), "the shell's pid line");
    assertTrue(output.isReady(), "the node's ready line was not seen");
    assertTrue(
        failure.startsWith("boom; its output could not be written to " + log + ": ")
            && failure.contains("NoSuchFileException"),
        "the failure should give the node's reason, then why it has no log: " + failure);
  }
}
