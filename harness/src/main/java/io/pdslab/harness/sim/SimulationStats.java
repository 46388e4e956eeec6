package io.pdslab.harness.sim;

import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Counters of one simulated run: messages and bytes per message type, completed client operations,
 * and lab-defined counters. Counters are hashed, as they are bumped for every message; whatever
 * reports or returns them sorts them first, which keeps reports deterministic.
 */
public final class SimulationStats {

  /** Message and byte counts of one message type. */
  public static final class Traffic {
    private long sent;
    private long sentBytes;
    private long delivered;
    private long deliveredBytes;
    private long dropped;
    private long duplicated;

    /** Messages handed to the network. */
    public long sent() {
      return sent;
    }

    /** Bytes handed to the network (Jackson JSON length or the configured sizer). */
    public long sentBytes() {
      return sentBytes;
    }

    /** Messages (including duplicates) handed to a destination. */
    public long delivered() {
      return delivered;
    }

    /** Bytes handed to a destination. */
    public long deliveredBytes() {
      return deliveredBytes;
    }

    /** Messages (or duplicate copies) lost for any reason. */
    public long dropped() {
      return dropped;
    }

    /** Messages the network duplicated. */
    public long duplicated() {
      return duplicated;
    }

    @Override
    public String toString() {
      return String.format(
          "sent=%d (%d B) delivered=%d (%d B) dropped=%d duplicated=%d",
          sent, sentBytes, delivered, deliveredBytes, dropped, duplicated);
    }
  }

  private final Map<String, Traffic> byType = new HashMap<>();
  private final Map<String, Long> counters = new HashMap<>();
  private long completedOperations;

  SimulationStats() {}

  void sent(String type, long bytes) {
    Traffic t = traffic(type);
    t.sent++;
    t.sentBytes += bytes;
  }

  void delivered(String type, long bytes) {
    Traffic t = traffic(type);
    t.delivered++;
    t.deliveredBytes += bytes;
  }

  void dropped(String type) {
    traffic(type).dropped++;
  }

  void duplicated(String type) {
    traffic(type).duplicated++;
  }

  void operationCompleted() {
    completedOperations++;
  }

  private Traffic traffic(String type) {
    return byType.computeIfAbsent(type, k -> new Traffic());
  }

  /** Traffic per message type (simple class name) seen so far, sorted by type. */
  public Map<String, Traffic> byMessageType() {
    return Collections.unmodifiableMap(new TreeMap<>(byType));
  }

  /** Traffic of one message type (all zero if never seen). */
  public Traffic of(String messageType) {
    return byType.getOrDefault(messageType, new Traffic());
  }

  /** Messages sent, all types. */
  public long messagesSent() {
    return byType.values().stream().mapToLong(Traffic::sent).sum();
  }

  /** Bytes sent, all types. */
  public long bytesSent() {
    return byType.values().stream().mapToLong(Traffic::sentBytes).sum();
  }

  /** Messages delivered, all types. */
  public long messagesDelivered() {
    return byType.values().stream().mapToLong(Traffic::delivered).sum();
  }

  /** Messages dropped, all types. */
  public long messagesDropped() {
    return byType.values().stream().mapToLong(Traffic::dropped).sum();
  }

  /** Client operations that returned. */
  public long completedOperations() {
    return completedOperations;
  }

  /** Messages sent per completed client operation (NaN without completed operations). */
  public double messagesPerOperation() {
    return completedOperations == 0 ? Double.NaN : (double) messagesSent() / completedOperations;
  }

  /** Adds {@code delta} to the lab-defined counter {@code name}. */
  public void increment(String name, long delta) {
    counters.merge(name, delta, Long::sum);
  }

  /** Adds one to the lab-defined counter {@code name}. */
  public void increment(String name) {
    increment(name, 1);
  }

  /** The lab-defined counter {@code name} (0 if never incremented). */
  public long counter(String name) {
    return counters.getOrDefault(name, 0L);
  }

  /** All lab-defined counters, sorted by name. */
  public Map<String, Long> counters() {
    return Collections.unmodifiableMap(new TreeMap<>(counters));
  }

  @Override
  public String toString() {
    List<String> lines =
        byType.entrySet().stream()
            .sorted(Map.Entry.comparingByKey(Comparator.naturalOrder()))
            .map(e -> e.getKey() + ": " + e.getValue())
            .collect(Collectors.toList());
    return String.join("\n", lines)
        + (lines.isEmpty() ? "" : "\n")
        + "operations="
        + completedOperations
        + " counters="
        + counters();
  }
}
