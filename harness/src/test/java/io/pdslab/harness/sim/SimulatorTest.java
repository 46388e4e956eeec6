package io.pdslab.harness.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pdslab.harness.lin.Operation;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.Test;

class SimulatorTest {

  private static String trace(Simulation sim) {
    return String.join("\n", sim.traceLines());
  }

  @Test
  void everyFaultIsVisibleInTheTrace() {
    String trace = trace(DeterminismTest.chaoticRun(42));
    for (String expected :
        List.of(
            "\"type\":\"start\"",
            "\"type\":\"send\"",
            "\"type\":\"deliver\"",
            "\"reason\":\"loss\"",
            "\"reason\":\"partition\"",
            "\"reason\":\"crashed\"",
            "\"reason\":\"paused\"",
            "\"type\":\"duplicate\"",
            "\"type\":\"timer\"",
            "\"type\":\"crash\"",
            "\"type\":\"restart\"",
            "\"type\":\"pause\"",
            "\"type\":\"resume\"",
            "\"type\":\"partition\",\"groups\":[[\"n2\"],[\"n0\",\"n1\"]]",
            "\"type\":\"heal\"",
            "\"type\":\"link\",\"from\":\"n0\",\"to\":\"n2\",\"up\":false",
            "\"type\":\"nemesis\",\"text\":\"crash n1\"",
            "\"type\":\"log\"")) {
      assertTrue(trace.contains(expected), "trace lacks " + expected);
    }
  }

  @Test
  void disconnectAndReconnectAccumulate() {
    Simulation sim = new Simulation(1);
    sim.nodes(3, PingNode::create);
    sim.disconnect("n0");
    sim.disconnect("n1");
    assertFalse(
        sim.connected("n0", "n1") || sim.connected("n1", "n2") || sim.connected("n2", "n0"));
    sim.reconnect("n0");
    assertTrue(sim.connected("n0", "n2") && sim.connected("n2", "n0"));
    assertFalse(sim.connected("n1", "n0"));
    sim.reconnect("n1");
    assertTrue(sim.connected("n1", "n0") && sim.connected("n2", "n1"));
    List<String> events =
        sim.traceLines().stream().map(l -> l.replaceAll("\\{\"seq\":\\d+,\"t\":0,", "")).toList();
    assertEquals(
        List.of(
            "\"type\":\"partition\",\"groups\":[[\"n1\",\"n2\"],[\"n0\"]]}",
            "\"type\":\"partition\",\"groups\":[[\"n2\"],[\"n0\"],[\"n1\"]]}",
            "\"type\":\"partition\",\"groups\":[[\"n0\",\"n2\"],[\"n1\"]]}",
            "\"type\":\"heal\"}"),
        events);
  }

  /**
   * A cut link is one way: with {@code n0 -> n1} cut, n0 still hears n1 (as a leader that can send
   * but not receive does with its incoming links cut the other way), and n1 hears nothing from n0
   * until the link is restored.
   */
  @Test
  void aCutLinkIsOneWay() {
    Simulation sim = new Simulation(5);
    sim.nodes(2, PingNode::create);
    sim.runFor(Duration.ofMillis(200));
    sim.cutLink("n0", "n1");
    assertFalse(sim.connected("n0", "n1"));
    assertTrue(sim.connected("n1", "n0"));
    int cutAt = sim.traceLines().size();
    sim.runFor(Duration.ofMillis(500));
    List<String> during = sim.traceLines().subList(cutAt, sim.traceLines().size());
    assertEquals(0, deliveries(during, "n0", "n1"), "delivered over the cut link n0 -> n1");
    assertTrue(deliveries(during, "n1", "n0") >= 5, "n1 -> n0 must keep working: " + during);
    sim.restoreLink("n0", "n1");
    int restoredAt = sim.traceLines().size();
    sim.runFor(Duration.ofMillis(500));
    List<String> after = sim.traceLines().subList(restoredAt, sim.traceLines().size());
    assertTrue(deliveries(after, "n0", "n1") >= 5, "n0 -> n1 restored: " + after);
  }

  private static long deliveries(List<String> trace, String from, String to) {
    String delivery = "\"type\":\"deliver\",\"from\":\"" + from + "\",\"to\":\"" + to + "\"";
    return trace.stream().filter(l -> l.contains(delivery)).count();
  }

  @Test
  void duplicatedMessagesArriveTwiceUnderTheSameId() {
    Simulation sim = new Simulation(9);
    sim.nodes(2, PingNode::create);
    sim.network().latency(Latency.exponential(10)).duplicateRate(0.5);
    sim.runFor(Duration.ofMillis(500));
    List<String> trace = sim.traceLines();
    String duplicate =
        trace.stream().filter(l -> l.contains("\"type\":\"duplicate\"")).findFirst().orElseThrow();
    String id = duplicate.replaceAll(".*(\"id\":\\d+,).*", "$1");
    long deliveries =
        trace.stream().filter(l -> l.contains("\"type\":\"deliver\"") && l.contains(id)).count();
    assertEquals(2, deliveries, "deliveries of " + id);
    SimulationStats.Traffic pings = sim.stats().of("Ping");
    assertTrue(pings.delivered() > pings.sent() - 2 && pings.duplicated() > 0, pings.toString());
  }

  @Test
  void longReorderingDeliversSomeMessagesAfterLaterOnes() {
    Simulation sim = new Simulation(3);
    sim.nodes(2, PingNode::create);
    sim.network().latency(Latency.constant(10)).longReordering(0.2, 200, 2200);
    sim.runFor(Duration.ofSeconds(3));
    List<Long> deliveredIds =
        sim.traceLines().stream()
            .filter(l -> l.contains("\"type\":\"deliver\",\"from\":\"n0\",\"to\":\"n1\""))
            .map(l -> Long.parseLong(l.replaceAll(".*\"id\":(\\d+).*", "$1")))
            .collect(Collectors.toList());
    boolean reordered = false;
    for (int i = 1; i < deliveredIds.size(); i++) {
      reordered |= deliveredIds.get(i) < deliveredIds.get(i - 1);
    }
    assertTrue(reordered, "no message overtaken: " + deliveredIds);
  }

  @Test
  void crashRestartKeepsStableStorageAndLosesVolatileState() {
    Simulation sim = new Simulation(5);
    sim.nodes(2, PingNode::create);
    sim.runFor(Duration.ofMillis(500));
    int storedBefore = storedPongs(sim, "n0");
    assertTrue(storedBefore > 5, "no pongs stored: " + storedBefore);
    sim.crash("n0");
    sim.runFor(Duration.ofMillis(200));
    assertEquals(storedBefore, storedPongs(sim, "n0"), "a crashed node's disk changed");
    sim.restart("n0");
    sim.runFor(Duration.ofMillis(200));
    List<String> afterRestart =
        sim.logs().stream()
            .filter(l -> l.node().equals("n0") && l.t() > 700)
            .map(LogLine::text)
            .toList();
    assertTrue(afterRestart.get(0).endsWith("(volatile 1)"), afterRestart.get(0));
    assertTrue(storedPongs(sim, "n0") > storedBefore, "stable count did not continue");
  }

  private static int storedPongs(Simulation sim, String node) {
    return sim.storage(node).read("pongs").map(b -> java.nio.ByteBuffer.wrap(b).getInt()).orElse(0);
  }

  /** A plain (non-Pekko) node that exposes its contexts to the test. */
  private static List<NodeContext<String>> plainNodes(Simulation sim, int count) {
    List<NodeContext<String>> contexts = new ArrayList<>();
    sim.runtimeNodes(
        count,
        (NodeContext<String> ctx) -> {
          contexts.add(ctx);
          return new NodeRuntime() {
            @Override
            public void start() {}

            @Override
            public void deliver(String from, Object message) {
              ctx.log("got %s from %s", message, from);
            }

            @Override
            public void fireTimer(Object key, Object message) {
              ctx.log("timer %s", key);
            }
          };
        });
    return contexts;
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String read(Simulation sim, String node, String key) {
    return sim.storage(node).read(key).map(b -> new String(b, StandardCharsets.UTF_8)).orElse(null);
  }

  @Test
  void zombieWritesDoNotReachRestartedStorage() {
    Simulation sim = new Simulation(1);
    List<NodeContext<String>> contexts = plainNodes(sim, 1);
    sim.runFor(Duration.ofMillis(1));
    NodeContext<String> zombie = contexts.get(0);
    zombie.storage().write("term", bytes("1"));
    sim.crash("n0");
    sim.restart("n0");
    zombie.storage().write("term", bytes("666"));
    zombie.send("n0", "from the grave");
    sim.runFor(Duration.ofMillis(10));
    assertEquals("1", read(sim, "n0", "term"));
    NodeContext<String> restarted = contexts.get(1);
    assertEquals("1", new String(restarted.storage().read("term").orElseThrow()));
    assertTrue(trace(sim).contains("zombie write discarded"));
    assertFalse(trace(sim).contains("from the grave"));
  }

  @Test
  void restartedNodeGetsACopyOfItsStorage() {
    Simulation sim = new Simulation(1);
    List<NodeContext<String>> contexts = plainNodes(sim, 1);
    sim.runFor(Duration.ofMillis(1));
    byte[] value = bytes("a");
    contexts.get(0).storage().write("k", value);
    value[0] = 'z';
    contexts.get(0).storage().read("k").orElseThrow()[0] = 'y';
    assertEquals("a", read(sim, "n0", "k"));
  }

  @Test
  void unsyncedWritesAreLostAtCrashAsWholeBatches() {
    Simulation sim = new Simulation(1).storageSyncDelay(Duration.ofMillis(100));
    List<NodeContext<String>> contexts = plainNodes(sim, 1);
    sim.runFor(Duration.ofMillis(1));
    contexts.get(0).storage().write("old", bytes("1"));
    sim.runFor(Duration.ofMillis(150));
    contexts.get(0).storage().write(java.util.Map.of("new", bytes("2"), "also-new", bytes("3")));
    sim.runFor(Duration.ofMillis(50));
    assertEquals("2", read(sim, "n0", "new"), "visible before the crash");
    sim.crash("n0", true);
    assertEquals("1", read(sim, "n0", "old"));
    assertEquals(null, read(sim, "n0", "new"));
    assertEquals(null, read(sim, "n0", "also-new"));
  }

  @Test
  void livelockEndsWithAClearFailure() {
    Simulation sim = new Simulation(1).stepBudget(10_000);
    sim.network().latency(Latency.constant(0));
    sim.runtimeNodes(
        2,
        (NodeContext<String> ctx) ->
            new NodeRuntime() {
              @Override
              public void start() {
                if (ctx.self().equals("n0")) {
                  ctx.send("n1", "ball");
                }
              }

              @Override
              public void deliver(String from, Object message) {
                ctx.send(from, "ball");
              }

              @Override
              public void fireTimer(Object key, Object message) {}
            });
    SimulationFailure failure =
        assertThrows(SimulationFailure.class, () -> sim.runFor(Duration.ofSeconds(1)));
    assertTrue(failure.getMessage().contains("step budget of 10000 events"), failure.getMessage());
    assertTrue(failure.getMessage().contains("virtual time 0 ms"), failure.getMessage());
    assertTrue(failure.getMessage().contains("String=10000"), failure.getMessage());
    assertTrue(trace(sim).contains("\"type\":\"fail\""));
  }

  @Test
  void runUntilFailsNamingTheCondition() {
    Simulation sim = new Simulation(1);
    sim.nodes(2, PingNode::create);
    SimulationFailure failure =
        assertThrows(
            SimulationFailure.class,
            () -> sim.runUntil("a pig flies", () -> false, Duration.ofSeconds(1)));
    assertEquals(
        "liveness: a pig flies did not happen within 1000 ms [t=1000 ms]", failure.getMessage());
    Simulation other = new Simulation(1);
    other.nodes(2, PingNode::create);
    assertTrue(other.tryRunUntil(() -> other.logs().size() >= 3, Duration.ofSeconds(1)));
    assertTrue(other.now() < 1000);
  }

  @Test
  void invariantViolationNamesPropertyTimeAndNodes() {
    Simulation sim = new Simulation(1);
    sim.nodes(2, PingNode::create);
    sim.invariant("at most 3 pongs", () -> sim.logs().size() > 3 ? "4 pongs logged" : null);
    SimulationFailure failure =
        assertThrows(SimulationFailure.class, () -> sim.runFor(Duration.ofSeconds(1)));
    assertTrue(
        failure
            .getMessage()
            .matches(
                "invariant 'at most 3 pongs' violated: 4 pongs logged \\(n0=up n1=up\\)"
                    + " \\[t=\\d+ ms\\]"),
        failure.getMessage());
  }

  sealed interface TimerMsg permits A, B, P {}

  record A() implements TimerMsg {}

  record B() implements TimerMsg {}

  record P() implements TimerMsg {}

  @Test
  void pekkoTimersHonourOverrideAndCancel() {
    Simulation sim = new Simulation(1);
    sim.<TimerMsg>nodes(
        1,
        env ->
            Behaviors.<TimerMsg>withTimers(
                timers -> {
                  timers.startSingleTimer("t", new A(), Duration.ofMillis(100));
                  timers.startSingleTimer("t", new B(), Duration.ofMillis(300));
                  timers.startTimerAtFixedRate("p", new P(), Duration.ofMillis(50));
                  int[] periodic = {0};
                  return Behaviors.receive(TimerMsg.class)
                      .onMessage(
                          P.class,
                          p -> {
                            if (++periodic[0] == 3) {
                              timers.cancel("p");
                            }
                            env.log("P");
                            return Behaviors.same();
                          })
                      .onAnyMessage(
                          m -> {
                            env.log("%s", m);
                            return Behaviors.same();
                          })
                      .build();
                }));
    sim.runFor(Duration.ofSeconds(1));
    List<String> logged = sim.logs().stream().map(l -> l.t() + ":" + l.text()).toList();
    assertEquals(List.of("50:P", "100:P", "150:P", "300:B[]"), logged);
  }

  @Test
  void pekkoChildActorsFailLoudly() {
    Simulation sim = new Simulation(1);
    sim.<String>nodes(
        1,
        env ->
            Behaviors.<String>setup(
                ctx -> {
                  ctx.spawn(Behaviors.<String>ignore(), "child");
                  return Behaviors.<String>ignore();
                }));
    SimulationFailure failure =
        assertThrows(SimulationFailure.class, () -> sim.runFor(Duration.ofMillis(1)));
    assertTrue(failure.getMessage().contains("n0: spawned"), failure.getMessage());
    assertTrue(failure.getMessage().contains("child actor"), failure.getMessage());
  }

  @Test
  void pekkoMessagesToSelfFailLoudly() {
    Simulation sim = new Simulation(1);
    Behavior<String> selfTalker =
        Behaviors.setup(
            ctx -> {
              ctx.getSelf().tell("hello me");
              return Behaviors.<String>ignore();
            });
    sim.<String>nodes(1, env -> selfTalker);
    SimulationFailure failure =
        assertThrows(SimulationFailure.class, () -> sim.runFor(Duration.ofMillis(1)));
    assertTrue(failure.getMessage().contains("ctx.getSelf()"), failure.getMessage());
  }

  @Test
  void pekkoSystemSchedulerFailsLoudly() {
    Simulation sim = new Simulation(1);
    sim.<String>nodes(
        1,
        env ->
            Behaviors.<String>setup(
                ctx -> {
                  ctx.getSystem()
                      .scheduler()
                      .scheduleOnce(
                          Duration.ofMillis(10), () -> {}, ctx.getSystem().executionContext());
                  return Behaviors.<String>ignore();
                }));
    SimulationFailure failure =
        assertThrows(SimulationFailure.class, () -> sim.runFor(Duration.ofMillis(1)));
    assertTrue(
        failure.getMessage().startsWith("node n0: used a Pekko feature the simulator does not"),
        failure.getMessage());
  }

  @Test
  void closedLoopClientsRecordAHistoryDespiteLoss() {
    Simulation sim = new Simulation(7);
    sim.nodes(3, EchoServer::create);
    sim.network().latency(Latency.uniform(1, 10)).dropRate(0.2);
    Clients<String, String, EchoServer.Msg> clients =
        Clients.closedLoop(sim, 2, EchoServer.PROTOCOL, r -> "v" + r.nextInt(100))
            .maxOperationsPerClient(10);
    sim.runUntil("20 echoes", () -> clients.completed() == 20, Duration.ofSeconds(30));
    List<Operation<String, String>> history = clients.history();
    assertEquals(20, history.size());
    for (Operation<String, String> op : history) {
      assertEquals(op.input(), op.output());
      assertTrue(op.callTime() < op.returnTime());
    }
    assertTrue(sim.stats().messagesPerOperation() > 2, sim.stats().toString());
    assertEquals(20, sim.stats().completedOperations());
    SimulationStats.Traffic requests = sim.stats().of("Request");
    assertTrue(requests.sentBytes() > 20 * 10 && requests.dropped() > 0, requests.toString());
    String trace = trace(sim);
    assertTrue(
        trace.matches(
            "(?s).*\"type\":\"invoke\",\"client\":\"c0\",\"op\":\\d+,\"f\":\"echo\",\"value\":\"v\\d+\"}.*"),
        trace);
    assertTrue(trace.contains("\"type\":\"return\",\"client\":\"c1\""));
  }

  @Test
  void openLoopClientsInvokeAtTheirRateEvenWithoutReplies() {
    Simulation sim = new Simulation(7);
    sim.nodes(1, EchoServer::create);
    sim.crash("n0");
    Clients<String, String, EchoServer.Msg> clients =
        Clients.openLoop(sim, 1, EchoServer.PROTOCOL, r -> "x", Duration.ofMillis(100));
    sim.runFor(Duration.ofMillis(1050));
    assertEquals(10, clients.history().size());
    assertEquals(0, clients.completed());
  }

  @Test
  void randomNemesisMixesFaultsReproducibly() {
    List<String> first = nemesisRun(11);
    assertEquals(first, nemesisRun(11));
    String trace = String.join("\n", first);
    for (String fault :
        List.of("random nemesis: crash", "random nemesis: partition", "random nemesis: pause")) {
      assertTrue(trace.contains(fault), "no " + fault);
    }
  }

  private static List<String> nemesisRun(long seed) {
    Simulation sim = new Simulation(seed);
    sim.nodes(3, PingNode::create);
    RandomNemesis.of(
            sim,
            RandomNemesis.Fault.CRASH,
            RandomNemesis.Fault.PARTITION,
            RandomNemesis.Fault.PAUSE)
        .gap(Duration.ofMillis(50), Duration.ofMillis(100))
        .faultDuration(Duration.ofMillis(50), Duration.ofMillis(200))
        .start();
    sim.runFor(Duration.ofSeconds(3));
    return sim.traceLines();
  }
}
