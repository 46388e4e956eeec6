package io.pdslab.harness.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageBodiesTest {
  record Batch(String label, List<String> items) {}

  record Wrapper(Batch batch) {}

  record Plain(String label, long n, Kind kind) {}

  enum Kind {
    A
  }

  /** Sends each message, then changes the list inside it if it has one. */
  private static String bodyAfterChange(Object message, List<String> items) {
    Simulation sim = new Simulation(1);
    sim.runtimeNodes(
        1,
        ctx ->
            new NodeRuntime() {
              @Override
              public void start() {}

              @Override
              public void deliver(String from, Object message) {}

              @Override
              public void fireTimer(Object key, Object message) {}
            });
    sim.send("outside", "n0", message);
    items.add("added after sending");
    sim.runFor(Duration.ofMillis(10));
    return sim.traceLines().stream()
        .filter(l -> l.contains("\"type\":\"send\""))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void aMessageThatMayChangeIsRenderedAsSent() {
    List<String> items = new ArrayList<>(List.of("x"));
    assertEquals(
        "{\"seq\":1,\"t\":0,\"type\":\"send\",\"from\":\"outside\",\"to\":\"n0\",\"id\":0,"
            + "\"msg\":\"Batch\",\"body\":\"Batch[label=b, items=[x]]\"}",
        bodyAfterChange(new Batch("b", items), items));
  }

  @Test
  void aRecordHoldingAMutableRecordIsRenderedAsSent() {
    List<String> items = new ArrayList<>(List.of("x"));
    String line = bodyAfterChange(new Wrapper(new Batch("b", items)), items);
    assertEquals(
        true, line.endsWith("\"body\":\"Wrapper[batch=Batch[label=b, items=[x]]]\"}"), line);
  }

  @Test
  void anImmutableRecordIsRenderedTheSameLater() {
    String line = bodyAfterChange(new Plain("p", 7, Kind.A), new ArrayList<>());
    assertTrue(line.endsWith("\"body\":\"Plain[label=p, n=7, kind=A]\"}"), line);
  }
}
