package io.pdslab.harness.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pins the exact bytes of two fixed-seed traces and the message byte counts. The trace JSONL is a
 * contract read by the HTML viewer and {@code replay}, so optimisations of the simulator must keep
 * these constants unchanged; the constants were recorded from the tree-building trace writer. If a
 * deliberate schema change breaks them, record new ones and say so in the commit.
 */
class GoldenTraceTest {
  /** Characters that JSON must escape, and some that it must not. */
  private static final String AWKWARD = "q\"b\\t\tn\ne\u00e9\u2713\u0001";

  @TempDir Path dir;

  /** Pekko nodes with timers, logs, storage, and every network fault and nemesis action. */
  private static Simulation faultsRun() {
    Simulation sim = new Simulation(20261123);
    sim.<PingNode.Msg>nodes(
        3,
        env -> {
          env.log("starting %s: %s", env.self(), AWKWARD);
          return PingNode.create(env);
        });
    sim.storageSyncDelay(Duration.ofMillis(30));
    sim.network()
        .latency(Latency.uniform(5, 25))
        .dropRate(0.1)
        .duplicateRate(0.1)
        .longReordering(0.1, 200, 900);
    sim.at(Duration.ofMillis(300), "isolate n2", () -> sim.isolate("n2"));
    sim.at(Duration.ofMillis(500), "heal", sim::heal);
    sim.at(Duration.ofMillis(600), "crash n1 " + AWKWARD, () -> sim.crash("n1", true));
    sim.at(Duration.ofMillis(800), "restart n1", () -> sim.restart("n1"));
    sim.at(Duration.ofMillis(900), "pause n0", () -> sim.pause("n0"));
    sim.at(Duration.ofMillis(1000), "resume n0", () -> sim.resume("n0"));
    sim.at(Duration.ofMillis(1100), "cut n0->n2", () -> sim.cutLink("n0", "n2"));
    sim.at(Duration.ofMillis(1200), "restore n0->n2", () -> sim.restoreLink("n0", "n2"));
    sim.at(Duration.ofMillis(1250), "disconnect n1", () -> sim.disconnect("n1"));
    sim.at(Duration.ofMillis(1350), "reconnect n1", () -> sim.reconnect("n1"));
    sim.runFor(Duration.ofMillis(1500));
    sim.recordFailure("golden end " + AWKWARD);
    return sim;
  }

  /** Closed-loop clients (invoke and return events) against echo servers, with faults. */
  private static Simulation clientsRun() {
    Simulation sim = new Simulation(77);
    sim.nodes(3, EchoServer::create);
    sim.network().latency(Latency.uniform(1, 10)).dropRate(0.2).duplicateRate(0.05);
    Clients<String, String, EchoServer.Msg> clients =
        Clients.closedLoop(sim, 2, EchoServer.PROTOCOL, r -> AWKWARD + r.nextInt(100))
            .maxOperationsPerClient(10);
    sim.at(Duration.ofMillis(40), "crash n0", () -> sim.crash("n0"));
    sim.at(Duration.ofMillis(60), "partition", () -> sim.partition(List.of("n1"), List.of("n2")));
    sim.at(Duration.ofMillis(150), "restart n0", () -> sim.restart("n0"));
    sim.at(Duration.ofMillis(200), "heal", sim::heal);
    sim.runUntil("20 echoes", () -> clients.completed() == 20, Duration.ofSeconds(30));
    return sim;
  }

  @Test
  void faultsTraceBytesAreUnchanged() throws IOException {
    Simulation sim = faultsRun();
    assertEquals(
        List.of(
            "{\"seq\":0,\"t\":0,\"type\":\"nemesis\",\"text\":\"network: latency changed\"}",
            "{\"seq\":1,\"t\":0,\"type\":\"nemesis\",\"text\":\"network: drop rate 0.1\"}",
            "{\"seq\":2,\"t\":0,\"type\":\"nemesis\",\"text\":\"network: duplicate rate 0.1\"}",
            "{\"seq\":3,\"t\":0,\"type\":\"nemesis\",\"text\":\"network: long reordering of 0.1 by 200-900 ms\"}",
            "{\"seq\":4,\"t\":0,\"type\":\"start\",\"node\":\"n0\"}",
            "{\"seq\":5,\"t\":0,\"type\":\"log\",\"node\":\"n0\",\"text\":\"starting n0: q\\\"b\\\\t\\tn\\ne\u00e9\u2713\\u0001\"}"),
        sim.traceLines().subList(0, 6));
    assertEquals("33a61966149b344de9b3c4ff73d02598cb3ed7f552e085d1af11fd0f5af8592b", sha256(sim));
    assertEquals(
        "Ping: sent=166 (3248 B) delivered=118 (2312 B) dropped=53 duplicated=11\n"
            + "Pong: sent=118 (2312 B) delivered=103 (2014 B) dropped=21 duplicated=9\n"
            + "operations=0 counters={}",
        sim.stats().toString());
  }

  @Test
  void clientsTraceBytesAreUnchanged() throws IOException {
    Simulation sim = clientsRun();
    assertEquals(
        List.of(
            "{\"seq\":0,\"t\":0,\"type\":\"nemesis\",\"text\":\"network: latency changed\"}",
            "{\"seq\":1,\"t\":0,\"type\":\"nemesis\",\"text\":\"network: drop rate 0.2\"}",
            "{\"seq\":2,\"t\":0,\"type\":\"nemesis\",\"text\":\"network: duplicate rate 0.05\"}",
            "{\"seq\":3,\"t\":0,\"type\":\"start\",\"node\":\"n0\"}",
            "{\"seq\":4,\"t\":0,\"type\":\"start\",\"node\":\"n1\"}",
            "{\"seq\":5,\"t\":0,\"type\":\"start\",\"node\":\"n2\"}",
            "{\"seq\":6,\"t\":0,\"type\":\"start\",\"node\":\"c0\"}",
            "{\"seq\":7,\"t\":0,\"type\":\"invoke\",\"client\":\"c0\",\"op\":0,\"f\":\"echo\",\"value\":\"q\\\"b\\\\t\\tn\\ne\u00e9\u2713\\u000171\"}"),
        sim.traceLines().subList(0, 8));
    assertEquals("21403a18535d909d469d0b5f2b9198e0c1e12c204d3f38f71086d94c8e28f57a", sha256(sim));
    assertEquals(
        "Reply: sent=27 (1224 B) delivered=21 (953 B) dropped=7 duplicated=1\n"
            + "Request: sent=34 (2018 B) delivered=27 (1602 B) dropped=7 duplicated=0\n"
            + "operations=20 counters={}",
        sim.stats().toString());
  }

  /** The SHA-256 of the trace file as {@link Simulation#writeTrace} writes it. */
  private String sha256(Simulation sim) throws IOException {
    Path file = dir.resolve("trace.jsonl");
    sim.writeTrace(file);
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
