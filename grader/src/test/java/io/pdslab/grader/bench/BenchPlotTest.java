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
