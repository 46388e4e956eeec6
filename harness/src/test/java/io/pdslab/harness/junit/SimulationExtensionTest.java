package io.pdslab.harness.junit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import io.pdslab.harness.testrun.PdslabProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

class SimulationExtensionTest {
  private static final Pattern REPLAY =
      Pattern.compile(
          "seed (\\d+) — replay: \\./pdslab replay harness LossyPingExample#noMessageIsLost"
              + " --seed (\\d+) --trace-dir traces/\ntrace: (.+)$");

  private static final Map<String, String> PARAMETERS =
      Map.of(
          "noMessageIsLost", "io.pdslab.harness.sim.Simulation",
          "fixedSeed", "io.pdslab.harness.sim.Simulation, long",
          "assertionAfterRun", "io.pdslab.harness.sim.Simulation");

  private static Events run(String method, Map<String, String> parameters) {
    return EngineTestKit.engine("junit-jupiter")
        .selectors(selectMethod(LossyPingExample.class, method, PARAMETERS.get(method)))
        .configurationParameter(ExamplesOnly.PARAMETER, "true")
        .configurationParameters(parameters)
        .execute()
        .testEvents();
  }

  private static String failureMessage(Event event) {
    return event
        .getPayload(org.junit.platform.engine.TestExecutionResult.class)
        .flatMap(org.junit.platform.engine.TestExecutionResult::getThrowable)
        .orElseThrow()
        .getMessage();
  }

  @Test
  void runsConfiguredNumberOfSeedsNamedBySeed() {
    Events events = run("noMessageIsLost", Map.of(PdslabProperties.SEEDS, "2"));
    events.assertStatistics(s -> s.started(2).failed(2));
    List<String> names =
        events.started().stream().map(e -> e.getTestDescriptor().getDisplayName()).toList();
    assertEquals(List.of("seed=1", "seed=2"), names);
  }

  @Test
  void aTestsOwnAssertionEndsTheTraceToo(@TempDir Path traces) throws Exception {
    Events events = run("assertionAfterRun", Map.of(PdslabProperties.TRACE_DIR, traces.toString()));
    events.assertStatistics(s -> s.started(1).failed(1));
    assertTrue(
        failureMessage(events.failed().list().get(0))
            .startsWith("expected no pongs\nseed 5 — replay:"));
    List<String> lines = Files.readAllLines(traces.resolve("trace.jsonl"));
    assertTrue(
        lines.get(lines.size() - 1).matches(".*\"type\":\"fail\",\"text\":\"expected no pongs\"}"),
        lines.get(lines.size() - 1));
  }

  @Test
  void fixedSeedIsInjectedAndTraceDirGetsPassingRunsToo(@TempDir Path traces) {
    run("fixedSeed", Map.of(PdslabProperties.TRACE_DIR, traces.toString()))
        .assertStatistics(s -> s.started(1).succeeded(1));
    assertTrue(Files.exists(traces.resolve("trace.jsonl")));
    assertTrue(Files.exists(traces.resolve("trace.html")));
  }

  @Test
  void printedReplayReproducesFailureAndTraceBytes(@TempDir Path traces) throws Exception {
    Events first = run("noMessageIsLost", Map.of(PdslabProperties.SEEDS, "2"));
    String message = failureMessage(first.failed().list().get(1));
    Matcher m = REPLAY.matcher(message);
    assertTrue(m.find(), "no replay line in: " + message);
    assertEquals(m.group(1), m.group(2));
    assertEquals("2", m.group(1));
    Path trace = Path.of(m.group(3));
    assertTrue(Files.exists(trace), "trace not written: " + trace);
    String cause = message.substring(0, message.indexOf("\nseed "));
    assertTrue(cause.contains("invariant 'no message loss' violated"), cause);

    Events replay =
        run(
            "noMessageIsLost",
            Map.of(
                PdslabProperties.SEED, m.group(1), PdslabProperties.TRACE_DIR, traces.toString()));
    replay.assertStatistics(s -> s.started(1).failed(1));
    String replayed = failureMessage(replay.failed().list().get(0));
    assertEquals(cause, replayed.substring(0, replayed.indexOf("\nseed ")));
    assertArrayEquals(Files.readAllBytes(trace), Files.readAllBytes(traces.resolve("trace.jsonl")));
    assertTrue(
        Files.readString(trace).contains("\"type\":\"fail\""), "the trace ends with the failure");
    assertTrue(Files.size(traces.resolve("trace.html")) > 0, "no HTML diagram");
  }
}
