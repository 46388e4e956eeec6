package io.pdslab.grader.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A long bench runs in rounds: JMH results merged across them, and ratios taken in each. */
class RoundsTest {

  private static String run(String method, double... iterations) {
    StringBuilder raw = new StringBuilder();
    for (double it : iterations) {
      raw.append(raw.length() == 0 ? "" : ",").append(it);
    }
    return """
        [{"benchmark":"io.pdslab.bench.concurrent.HashSetBench.%s","mode":"thrpt","threads":2,
          "forks":1,"params":{},
          "primaryMetric":{"score":0,"scoreError":0,"scoreConfidence":[0,0],
            "scorePercentiles":{"0.0":0,"50.0":0,"100.0":0},"scoreUnit":"ops/us",
            "rawData":[[%s]]}}]
        """
        .formatted(method, raw);
  }

  @Test
  void theRoundsOfOneBenchmarkBecomeOneResultWithEveryFork(@TempDir Path dir) throws IOException {
    Path round1 = Files.writeString(dir.resolve("r1.json"), run("reference", 10, 20, 30));
    Path round2 = Files.writeString(dir.resolve("r2.json"), run("reference", 40, 50, 60));
    Path jdk = Files.writeString(dir.resolve("j.json"), run("jdk", 7, 7, 7));
    Path merged = dir.resolve("jmh.json");
    JmhJson.merge(List.of(round1, jdk, round2), merged);

    JsonNode all = new ObjectMapper().readTree(merged.toFile());
    assertEquals(2, all.size(), "one result per benchmark, in the order first seen");
    JsonNode reference = all.get(0);
    assertEquals(2, reference.get("forks").asInt());
    JsonNode metric = reference.get("primaryMetric");
    assertEquals(2, metric.get("rawData").size(), "each round's fork kept");
    assertEquals(35.0, metric.get("score").asDouble(), 1e-9, "mean of all six iterations");
    double error = metric.get("scoreError").asDouble();
    assertTrue(error > 0, "JMH's 99.9 % error over six iterations");
    assertEquals(35.0 - error, metric.get("scoreConfidence").get(0).asDouble(), 1e-9);
    assertEquals(10.0, metric.get("scorePercentiles").get("0.0").asDouble(), 1e-9);
    assertEquals(60.0, metric.get("scorePercentiles").get("100.0").asDouble(), 1e-9);
    assertEquals(35.0, JmhJson.read(merged).get(0).score(), 1e-9, "and it reads back");
  }

  @Test
  void roundsWithoutRawDataCannotBeCombined(@TempDir Path dir) throws IOException {
    String bare =
        """
        [{"benchmark":"a.B.jdk","mode":"thrpt","threads":1,
          "primaryMetric":{"score":1,"scoreUnit":"ops/us"}}]
        """;
    Path a = Files.writeString(dir.resolve("a.json"), bare);
    Path b = Files.writeString(dir.resolve("b.json"), bare);
    assertThrows(
        IllegalArgumentException.class, () -> JmhJson.merge(List.of(a, b), dir.resolve("m.json")));
  }

  @Test
  void theRatioToTheJdkIsTakenInEachRoundAndSummedUpByTheMedian() {
    List<List<BenchResult>> rounds =
        List.of(
            List.of(result("jdk", 100), result("reference", 90)),
            List.of(result("reference", 40), result("jdk", 50)),
            List.of(result("jdk", 10), result("reference", 12)));
    List<RoundRatios.Ratio> ratios = RoundRatios.of(rounds);
    assertEquals(1, ratios.size(), "the JDK is no ratio of its own");
    RoundRatios.Ratio r = ratios.get(0);
    assertEquals(List.of(0.9, 0.8, 1.2), r.perRound());
    assertEquals(0.9, r.median(), 1e-9);
    assertEquals(0.8, r.min(), 1e-9);
    assertEquals(1.2, r.max(), 1e-9);
    assertEquals("reference", r.series());
  }

  private static BenchResult result(String method, double score) {
    return new BenchResult(
        "io.pdslab.bench.concurrent.HashSetBench." + method, 2, Map.of(), score, 0, "ops/us");
  }
}
