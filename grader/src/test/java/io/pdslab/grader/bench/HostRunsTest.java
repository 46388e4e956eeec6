package io.pdslab.grader.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Results of runs on several hosts stay apart in the merged JSON, each tagged with its host. */
class HostRunsTest {
  @TempDir Path dir;

  @Test
  void eachHostsResultsCarryItAsAParameterAndStayApartWhenMerged() throws Exception {
    String result =
        "[{\"benchmark\":\"io.pdslab.bench.sim.SimBench.events\",\"threads\":1,"
            + "\"jvmArgs\":[],\"primaryMetric\":{\"score\":%s,\"scoreError\":0.1,"
            + "\"scoreUnit\":\"ops/us\"}%s}]";
    Path a = dir.resolve("a.json");
    Path b = dir.resolve("b.json");
    Files.writeString(a, String.format(result, "1.0", ""));
    Files.writeString(b, String.format(result, "2.0", ",\"params\":{\"size\":\"8\"}"));
    HostRuns.tag(a, "node1");
    HostRuns.tag(b, "node2");
    Path merged = dir.resolve("jmh.json");
    JmhJson.merge(List.of(a, b), merged);
    List<BenchResult> results = JmhJson.read(merged);
    assertEquals(Map.of("host", "node1"), results.get(0).params());
    assertEquals(Map.of("host", "node2", "size", "8"), results.get(1).params());
    assertEquals("events host=node1", results.get(0).series());
    assertEquals(2.0, results.get(1).score());
  }
}
