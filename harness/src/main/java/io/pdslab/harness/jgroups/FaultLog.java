package io.pdslab.harness.jgroups;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every fault the {@link ChaosProtocol}s of one test injected, for the failure report: per link and
 * kind, how many, and the first few in the order they happened. Thread-safe.
 */
public final class FaultLog {

  private static final int KEPT = 200;

  private final List<String> first = new ArrayList<>();
  private final Map<String, Long> totals = new TreeMap<>();

  /** Records that the {@code n}-th {@code fault} of {@code link} just happened. */
  public synchronized void record(String link, Fault fault, long n) {
    totals.merge(link + " " + fault, 1L, Long::sum);
    if (first.size() < KEPT) {
      first.add(link + " " + fault + " #" + n);
    }
  }

  /** Records a scripted event (a crash, a cut) in the order of the faults. */
  public synchronized void note(String event) {
    if (first.size() < KEPT) {
      first.add(event);
    }
  }

  /** A few lines: totals per link and kind, then the first faults in order. */
  public synchronized String summary() {
    StringBuilder s = new StringBuilder("faults injected (per link sender>receiver):");
    if (totals.isEmpty()) {
      s.append(" none");
    }
    totals.forEach((k, v) -> s.append("\n  ").append(k).append(": ").append(v));
    s.append("\nfirst events in order: ").append(String.join(", ", first));
    return s.toString();
  }
}
