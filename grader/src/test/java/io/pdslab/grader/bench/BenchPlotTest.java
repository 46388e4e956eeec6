package io.pdslab.grader.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchPlotTest {
  static final String JMH_1 =
      """
      [{"benchmark":"io.pdslab.bench.concurrent.LockBench.reference","mode":"thrpt","threads":1,
        "params":{"lock":"mcs"},
        "primaryMetric":{"score":40.5,"scoreError":1.5,"scoreUnit":"ops/us"}},
       {"benchmark":"io.pdslab.bench.concurrent.LockBench.jdk","mode":"thrpt","threads":1,
        "primaryMetric":{"score":55.0,"scoreError":"NaN","scoreUnit":"ops/us"}}]
      """;
  static final String JMH_2 =
      """
      [{"benchmark":"io.pdslab.bench.concurrent.LockBench.reference","mode":"thrpt","threads":2,
        "params":{"lock":"mcs"},
        "primaryMetric":{"score":20.0,"scoreError":2.0,"scoreUnit":"ops/us"}}]
      """;

  @Test
  void mergesParsesAndPlotsOneLinePerImplementation(@TempDir Path dir) throws IOException {
    Path a = Files.writeString(dir.resolve("a.json"), JMH_1);
    Path b = Files.writeString(dir.resolve("b.json"), JMH_2);
    Path merged = dir.resolve("all.json");
    JmhJson.merge(List.of(a, b), merged);
    List<BenchResult> results = JmhJson.read(merged);
    assertEquals(3, results.size());
    assertEquals("reference lock=mcs", results.get(0).series());
    assertEquals("LockBench", results.get(0).group());
    assertTrue(Double.isNaN(results.get(1).error()), "NaN error is kept as unknown");

    StringWriter html = new StringWriter();
    BenchPlot.render("test", results, html);
    String page = html.toString();
    assertTrue(page.contains("<svg"), "inline SVG");
    assertTrue(page.contains("reference lock=mcs") && page.contains(">jdk<"), "legend");
    assertFalse(page.contains("<script"), "no scripts");
    assertFalse(page.contains("http://") && page.contains("src=\"http"), "no external resources");
  }

  @Test
  void oneThreadCountIsBarsInHumanUnitsWithTheMachineAndANoiseWarning(@TempDir Path dir)
      throws IOException {
    String json =
        """
        [{"benchmark":"io.pdslab.bench.concurrent.QueueBench.reference","mode":"thrpt",
          "threads":2,"primaryMetric":{"score":1.13,"scoreError":15.2,"scoreUnit":"ops/us"}},
         {"benchmark":"io.pdslab.bench.concurrent.QueueBench.jdk","mode":"thrpt","threads":2,
          "primaryMetric":{"score":2.0,"scoreError":0.1,"scoreUnit":"ops/us"}},
         {"benchmark":"io.pdslab.bench.calibrate.HardwareLimits.cas","mode":"thrpt","threads":1,
          "primaryMetric":{"score":100.0,"scoreError":1.0,"scoreUnit":"ops/us"}},
         {"benchmark":"io.pdslab.bench.calibrate.HardwareLimits.handoff","mode":"thrpt",
          "threads":2,"primaryMetric":{"score":10.0,"scoreError":1.0,"scoreUnit":"ops/us"}}]
        """;
    List<BenchResult> results = JmhJson.read(Files.writeString(dir.resolve("r.json"), json));
    HardwareLimits limits = HardwareLimits.find(results).orElseThrow();
    assertEquals(0.2, limits.fraction(results.get(1)), 1e-9, "2 threads: of the hand-off");
    MachineInfo machine = new MachineInfo("Test CPU", 2, "JDK 17", "Linux amd64", 3.5, 4.0);
    StringWriter html = new StringWriter();
    BenchPlot.render(
        new BenchPage(
            "t",
            results,
            Optional.of(machine),
            Optional.of(limits),
            "--settings long",
            List.of("warning: the hand-off limit moved 9.5× between rounds"),
            List.of(new RoundRatios.Ratio("QueueBench", "reference", 2, List.of(0.5, 0.7, 0.6)))),
        html);
    String page = html.toString();
    assertTrue(page.contains("Test CPU, 2 cores, JDK 17"), "the machine is on the page");
    assertTrue(page.contains("load average 3.50"), "with its load");
    assertTrue(page.contains("moved 9.5× between rounds"), "and what the run noticed");
    assertTrue(page.contains("<b>0.60</b></td><td>0.50</td><td>0.70</td><td>0.50, 0.70, 0.60"));
    assertTrue(page.contains("<rect") && !page.contains("stroke-width=\"2\""), "bars, no lines");
    assertTrue(page.contains("M ops/s"), "human units");
    assertTrue(page.contains("1 of 4 results have a 99.9% confidence interval wider"), page);
    assertTrue(page.contains("--settings long"), "says what to run instead");
    assertTrue(page.contains("0.200 of hand-off"), "fraction of the machine's limit");
  }

  @Test
  void malformedJsonNamesTheFile(@TempDir Path dir) throws IOException {
    Path bad = Files.writeString(dir.resolve("bad.json"), "{\"not\":\"an array\"}");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> JmhJson.read(bad));
    assertTrue(e.getMessage().contains("bad.json"), e.getMessage());
  }

  @Test
  void niceCeilings() {
    assertEquals(50, BenchPlot.niceCeiling(41), 1e-9);
    assertEquals(1, BenchPlot.niceCeiling(0), 1e-9);
    assertEquals(0.2, BenchPlot.niceCeiling(0.15), 1e-9);
  }
}
