package io.pdslab.grader.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LatencyPlotTest {

  @Test
  void drawsEveryPointAsAMultipleOfTheFloorWithTheMachineAndAllocation(@TempDir Path dir)
      throws Exception {
    Path json = dir.resolve("latency.json");
    Files.writeString(
        json,
        """
        {"method":"open loop","machine":{"cores":2,"loadAverageBefore":"1.0 1.0 1.0",
         "loadAverageAfter":"2.0 1.0 1.0","java":"JDK 17","os":"Linux"},
         "floors":[{"transport":"NIO","roundTrips":100,"p50Us":30.0,"p99Us":90.0}],
         "points":[
          {"transport":"NIO","offeredPerSec":1000,"achievedPerSec":1000,"calls":1000,"failed":0,
           "p50Us":60,"p99Us":300,"p999Us":900,"maxUs":1000,
           "p50Floors":2,"p99Floors":10,"p999Floors":30},
          {"transport":"NIO","offeredPerSec":10000,"achievedPerSec":9000,"calls":9000,"failed":0,
           "p50Us":90,"p99Us":3000,"p999Us":9000,"maxUs":10000,
           "p50Floors":3,"p99Floors":100,"p999Floors":300}]}
        """,
        StandardCharsets.UTF_8);
    Path jmh = dir.resolve("jmh.json");
    Files.writeString(
        jmh,
        """
        [{"benchmark":"io.pdslab.bench.rpc.CodecBench.decode","threads":1,
          "primaryMetric":{"score":250.0,"scoreError":5.0,"scoreUnit":"ns/op"},
          "secondaryMetrics":{"gc.alloc.rate.norm":{"score":96.0,"scoreUnit":"B/op"}}}]
        """,
        StandardCharsets.UTF_8);
    StringWriter out = new StringWriter();
    LatencyPlot.render("rpc latency", json, jmh, out);
    String html = out.toString();
    assertTrue(html.contains("<svg"), "a chart");
    assertTrue(html.contains("NIO p99.9"), "a legend entry per transport and percentile");
    assertTrue(html.contains("<td>300</td>"), "p99.9 as a multiple of the floor");
    assertTrue(html.contains("2.0 1.0 1.0"), "the machine's load");
    assertTrue(html.contains("<td>96.0</td>"), "allocation per operation from -prof gc");
  }
}
