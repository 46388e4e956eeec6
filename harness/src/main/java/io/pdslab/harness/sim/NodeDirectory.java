package io.pdslab.harness.sim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The nodes of one simulation by id, in creation order, and which of them are servers. */
final class NodeDirectory {
  private final List<SimNode> nodes = new ArrayList<>();
  private final Map<String, SimNode> byId = new HashMap<>();
  private final List<String> servers = new ArrayList<>();
  private final List<String> serversView = Collections.unmodifiableList(servers);

  /** The next server id, {@code n<i>}, continuing the numbering. */
  String nextServerId() {
    return "n" + servers.size();
  }

  /** Fails if a node with this id exists. */
  void checkNew(String id) {
    if (byId.containsKey(id)) {
      throw new IllegalArgumentException("node " + id + " already exists");
    }
  }

  void add(SimNode node, boolean server) {
    checkNew(node.id());
    if (server) {
      servers.add(node.id());
    }
    nodes.add(node);
    byId.put(node.id(), node);
  }

  /** The node with this id, or null. */
  SimNode find(String id) {
    return byId.get(id);
  }

  /** The node with this id; fails naming the existing nodes if there is none. */
  SimNode require(String id) {
    SimNode n = byId.get(id);
    if (n == null) {
      throw new IllegalArgumentException("no node " + id + "; nodes: " + ids());
    }
    return n;
  }

  /** Every node, in creation order (a live, read-only list). */
  List<SimNode> all() {
    return Collections.unmodifiableList(nodes);
  }

  /** Every node id, in creation order. */
  List<String> ids() {
    return nodes.stream().map(SimNode::id).collect(Collectors.toList());
  }

  /** The server ids in creation order (a live, read-only list). */
  List<String> servers() {
    return serversView;
  }

  /** Each node's status, for failure reports: {@code n0=up n1=crashed ...}. */
  String states() {
    return nodes.stream()
        .map(n -> n.id() + "=" + n.status().name().toLowerCase(java.util.Locale.ROOT))
        .collect(Collectors.joining(" "));
  }
}
