package io.pdslab.harness.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
}
