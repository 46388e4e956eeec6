package io.pdslab.harness.sim;

import io.pdslab.harness.trace.TraceEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Who can reach whom: partition groups and cut one-way links, each change traced. Nodes in no group
 * (typically clients) reach everyone.
 */
final class Partitions {
  private final TraceRecorder trace;
  private final NodeDirectory nodes;
  private final Map<String, Integer> partitionGroup = new HashMap<>();
  // Only looked up, never iterated: hash order cannot reach the trace.
  private final Set<Network.Link> cutLinks = new HashSet<>();
  private int nextPartitionGroup = 1;

  Partitions(TraceRecorder trace, NodeDirectory nodes) {
    this.trace = trace;
    this.nodes = nodes;
  }

  /** Replaces any partition by these groups. */
  void partition(List<List<String>> groups) {
    partitionGroup.clear();
    nextPartitionGroup = groups.size();
    List<List<String>> sorted = new ArrayList<>();
    for (int g = 0; g < groups.size(); g++) {
      for (String id : groups.get(g)) {
        nodes.require(id);
        if (partitionGroup.put(id, g) != null) {
          throw new IllegalArgumentException(id + " is in two partition groups: " + groups);
        }
      }
      sorted.add(groups.get(g).stream().sorted().collect(Collectors.toList()));
    }
    trace.record(TraceEvent.partition(sorted));
  }

  /** Cuts {@code node} off from every other server (replaces any partition). */
  void isolate(String node) {
    List<String> rest = new ArrayList<>(nodes.servers());
    rest.remove(node);
    partition(List.of(List.of(node), rest));
  }

  /** Moves {@code node} into a group of its own, keeping earlier groups. */
  void disconnect(String node) {
    nodes.require(node);
    if (partitionGroup.isEmpty()) {
      nodes.servers().forEach(s -> partitionGroup.put(s, 0));
    }
    partitionGroup.put(node, nextPartitionGroup++);
    recordPartition();
  }

  /** Moves {@code node} back into the first group. */
  void reconnect(String node) {
    nodes.require(node);
    if (partitionGroup.containsKey(node)) {
      partitionGroup.put(node, 0);
      recordPartition();
    }
  }

  private void recordPartition() {
    TreeMap<Integer, List<String>> groups = new TreeMap<>();
    for (SimNode n : nodes.all()) {
      Integer g = partitionGroup.get(n.id());
      if (g != null) {
        groups.computeIfAbsent(g, k -> new ArrayList<>()).add(n.id());
      }
    }
    if (groups.size() <= 1 && cutLinks.isEmpty()) {
      partitionGroup.clear();
      trace.record(TraceEvent.heal());
      return;
    }
    List<List<String>> sorted = new ArrayList<>();
    groups.values().forEach(g -> sorted.add(g.stream().sorted().collect(Collectors.toList())));
    trace.record(TraceEvent.partition(sorted));
  }

  void cutLink(String from, String to) {
    nodes.require(from);
    nodes.require(to);
    cutLinks.add(new Network.Link(from, to));
    trace.record(TraceEvent.link(from, to, false));
  }

  void restoreLink(String from, String to) {
    cutLinks.remove(new Network.Link(from, to));
    trace.record(TraceEvent.link(from, to, true));
  }

  /** Ends every partition and link cut. */
  void heal() {
    partitionGroup.clear();
    cutLinks.clear();
    trace.record(TraceEvent.heal());
  }

  /** Whether a message from {@code from} can currently reach {@code to}. */
  boolean connected(String from, String to) {
    // Checked twice per message: skip the lookups while the network is whole.
    if (cutLinks.isEmpty() && partitionGroup.isEmpty()) {
      return true;
    }
    if (cutLinks.contains(new Network.Link(from, to))) {
      return false;
    }
    Integer a = partitionGroup.get(from);
    Integer b = partitionGroup.get(to);
    return a == null || b == null || a.equals(b);
  }
}
