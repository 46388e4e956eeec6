package io.pdslab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The end-to-end run is the Raft lab's ClusterModeTest; here, the errors caught up front. */
class ClusterCommandTest {
  @Test
  void aLabWithoutClusterModeOrBadNumbersAreUsageErrors() {
    StringWriter err = new StringWriter();
    PrintWriter w = new PrintWriter(err, true);
    assertEquals(Pdslab.USAGE, Pdslab.run(w, w, "cluster", "concurrent"));
    assertTrue(err.toString().contains("lab concurrent has no cluster mode"), err.toString());
    assertEquals(Pdslab.USAGE, Pdslab.run(w, w, "cluster", "raft", "--nodes", "0"));
    assertTrue(err.toString().contains("must be at least 1"), err.toString());
    assertEquals(Pdslab.USAGE, Pdslab.run(w, w, "cluster", "no-such-lab"));
  }
}
