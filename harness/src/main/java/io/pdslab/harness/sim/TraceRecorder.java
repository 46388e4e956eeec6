package io.pdslab.harness.sim;

import io.pdslab.harness.trace.TraceEvent;
import io.pdslab.harness.trace.TraceWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Appends events to the run's trace at the current virtual time, and keeps the node logs. */
final class TraceRecorder {
  private final VirtualClock clock;
  private final TraceWriter trace = new TraceWriter();
  private final List<LogLine> logs = new ArrayList<>();
  private final List<Consumer<LogLine>> logListeners = new ArrayList<>();

  TraceRecorder(VirtualClock clock) {
    this.clock = clock;
  }

  void record(TraceEvent event) {
    trace.append(clock.now(), event);
  }

  /** A {@code nemesis} event: a fault or setting changed by the test or a nemesis. */
  void nemesis(String text) {
    record(TraceEvent.nemesis(text));
  }

  /** A node's log line: kept, traced, and passed to the listeners. */
  void log(String node, String text) {
    LogLine line = new LogLine(clock.now(), node, text);
    logs.add(line);
    record(TraceEvent.log(node, text));
    for (Consumer<LogLine> l : logListeners) {
      l.accept(line);
    }
  }

  void onLog(Consumer<LogLine> listener) {
    logListeners.add(listener);
  }

  List<LogLine> logs() {
    return List.copyOf(logs);
  }

  List<String> lines() {
    return trace.lines();
  }

  void writeTo(Path file) {
    trace.writeTo(file);
  }
}
