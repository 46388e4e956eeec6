package io.pdslab.harness.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A node JVM that cannot start says why on the line the driver reads, whatever went wrong. */
class ClusterNodeMainTest {
  @TempDir Path dir;

  @Test
  void aSpecThatIsNotJsonEndsTheJvmWithAFailedLineSayingSo() throws Exception {
    Process jvm =
        new ProcessBuilder(
                List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp",
                    System.getProperty(
                        "surefire.test.class.path", System.getProperty("java.class.path")),
                    ClusterNodeMain.class.getName(),
                    "{\"app\": \"io.pdslab.Some"))
            .redirectErrorStream(true)
            .start();
    jvm.getOutputStream().close();
    // Read as the driver reads a node's output.
    NodeOutput output = new NodeOutput(jvm.getInputStream(), dir.resolve("n0.log"), "n0");
    assertTrue(jvm.waitFor(120, TimeUnit.SECONDS), "the node JVM did not end");
    String failure = output.failure();
    assertEquals(
        ClusterNodeMain.NODE_FAILED, jvm.exitValue(), "exit code; the node's failure: " + failure);
    assertTrue(
        failure != null
            && failure.startsWith(
                "the node spec from the driver is not valid JSON of a NodeSpec:"
                    + " java.lang.IllegalArgumentException: not a node spec: "),
        "the driver's report should say the spec was bad, and why: " + failure);
  }
}
