package io.pdslab.harness.sim;

import io.pdslab.harness.node.StableStorage;
import java.util.List;
import java.util.Random;

/**
 * The environment of one incarnation of a node; inert once that incarnation crashed, so a zombie's
 * sends, logs and timers vanish.
 *
 * @param <M> the node's message type
 */
final class SimContext<M> implements NodeContext<M> {
  private final Kernel kernel;
  private final NodeDirectory nodes;
  private final Transport transport;
  private final SimNode node;
  private final int incarnation;
  private final Random random;
  private List<String> peers = List.of();
  private int peersOfServers = -1;

  SimContext(
      Kernel kernel, NodeDirectory nodes, Transport transport, SimNode node, int incarnation) {
    this.kernel = kernel;
    this.nodes = nodes;
    this.transport = transport;
    this.node = node;
    this.incarnation = incarnation;
    this.random = Seeds.random(kernel.seed(), "node/" + node.id() + "/" + incarnation);
  }

  private boolean current() {
    kernel.checkThread();
    return node.isCurrent(incarnation);
  }

  @Override
  public String self() {
    return node.id();
  }

  @Override
  public List<String> peers() {
    // Nodes ask for their peers on every broadcast; servers are only ever added, so the list
    // changes only when their number does.
    List<String> servers = nodes.servers();
    if (peersOfServers != servers.size()) {
      peers = servers.stream().filter(s -> !s.equals(node.id())).sorted().toList();
      peersOfServers = servers.size();
    }
    return peers;
  }

  @Override
  public void send(String to, M message) {
    if (current()) {
      SimNode destination = nodes.find(to);
      if (destination == null) {
        throw new IllegalArgumentException(
            node.id() + " sent " + Transport.typeOf(message) + " to unknown node " + to);
      }
      transport.send(node.id(), destination, message);
    }
  }

  @Override
  public StableStorage storage() {
    return node.storage().view(incarnation);
  }

  @Override
  public Random random() {
    return random;
  }

  @Override
  public long nowMillis() {
    return kernel.now();
  }

  @Override
  public void log(String format, Object... args) {
    if (current()) {
      kernel.trace().log(node.id(), args.length == 0 ? format : String.format(format, args));
    }
  }

  @Override
  public void startTimer(Object key, M message, long initialDelayMs, long periodMs) {
    if (current()) {
      node.timers().start(key, message, initialDelayMs, periodMs);
    }
  }

  @Override
  public void cancelTimer(Object key) {
    if (current()) {
      node.timers().cancel(key);
    }
  }
}
