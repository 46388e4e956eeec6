package io.pdslab.harness.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The server JVMs of a run and what happens to them: started, killed, paused, resumed, restarted,
 * partitioned. The nemesis and the exit monitor both act through it, one at a time (its methods are
 * synchronized; only the wait for a dead node's last output is not), and it tells {@code events}
 * everything it does.
 */
final class NodeSet {
  private enum State {
    RUNNING,
    PAUSED,
    KILLED,
    /** Its JVM ended on its own; the exit monitor is finding out why, then restarts it. */
    EXITED,
    STOPPED
  }

  private static final class Node {
    final String id;
    final ServerAddress address;
    int incarnation;
    NodeProcess process;
    State state = State.STOPPED;

    Node(String id, ServerAddress address) {
      this.id = id;
      this.address = address;
    }
  }

  private final NodeLauncher launcher;
  private final Function<Node, List<String>> command;
  private final Path logs;
  private final Consumer<String> events;
  private final Map<String, Node> nodes = new TreeMap<>();
  private final List<String> failures = new ArrayList<>();

  /** The side of the current partition that is cut off from the rest; empty when healed. */
  private List<String> cutSide = List.of();

  NodeSet(
      NodeLauncher launcher,
      List<ServerAddress> addresses,
      NodeCommand command,
      Path logs,
      Consumer<String> events) {
    this.launcher = launcher;
    this.command = n -> command.build(n.address, n.incarnation);
    this.logs = logs;
    this.events = events;
    addresses.forEach(a -> nodes.put(a.id(), new Node(a.id(), a)));
  }

  /** Builds a node's java command line. */
  @FunctionalInterface
  interface NodeCommand {
    List<String> build(ServerAddress address, int incarnation);
  }

  List<String> ids() {
    return List.copyOf(nodes.keySet());
  }

  /** Whether the current process of node {@code id} runs and said it serves. */
  synchronized boolean isReady(String id) {
    Node n = nodes.get(id);
    return n.state == State.RUNNING && n.process.isReady();
  }

  /** Whether every node runs and said it serves. */
  synchronized boolean allReady() {
    return nodes.keySet().stream().allMatch(this::isReady);
  }

  Path log(String id) {
    return logs.resolve(id + ".log");
  }

  /** Problems seen: nodes that died on their own with an error. */
  synchronized List<String> failures() {
    return List.copyOf(failures);
  }

  synchronized void startAll() throws IOException {
    Files.createDirectories(logs);
    for (Node n : nodes.values()) {
      Files.deleteIfExists(log(n.id));
      launch(n);
    }
  }

  synchronized void kill(String id) throws IOException, InterruptedException {
    Node n = nodes.get(id);
    if (n.state == State.RUNNING || n.state == State.PAUSED) {
      n.process.kill();
      n.state = State.KILLED;
      events.accept("kill -9 " + id);
    }
  }

  synchronized void restart(String id) throws IOException {
    Node n = nodes.get(id);
    if (n.state == State.KILLED) {
      n.incarnation++;
      launch(n);
      events.accept("restart " + id + " as a new JVM (incarnation " + n.incarnation + ")");
    }
  }

  synchronized void pause(String id) throws IOException, InterruptedException {
    Node n = nodes.get(id);
    if (n.state == State.RUNNING) {
      n.process.pause();
      n.state = State.PAUSED;
      events.accept("pause " + id + " (SIGSTOP)");
    }
  }

  synchronized void resume(String id) throws IOException, InterruptedException {
    Node n = nodes.get(id);
    if (n.state == State.PAUSED) {
      n.process.resume();
      n.state = State.RUNNING;
      events.accept("resume " + id + " (SIGCONT)");
    }
  }

  /**
   * Cuts the servers of {@code side} off from all the others, both ways, until {@link #heal}: each
   * node drops its messages to the other side. Clients still reach every server.
   */
  synchronized void partition(List<String> side) throws IOException {
    cutSide = List.copyOf(side);
    for (Node n : nodes.values()) {
      tellCut(n);
    }
    events.accept(
        "partition "
            + String.join(",", cutSide)
            + " | "
            + String.join(",", otherSide(side.get(0))));
  }

  /** Ends the current partition, if any. */
  synchronized void heal() throws IOException {
    if (cutSide.isEmpty()) {
      return;
    }
    cutSide = List.of();
    for (Node n : nodes.values()) {
      tellCut(n);
    }
    events.accept("heal the partition");
  }

  private void tellCut(Node n) throws IOException {
    if (n.state == State.RUNNING || n.state == State.PAUSED) {
      n.process.tell("cut " + String.join(",", otherSide(n.id)));
    }
  }

  /** The servers on the other side of the partition from {@code id} (none when healed). */
  private List<String> otherSide(String id) {
    if (cutSide.isEmpty()) {
      return List.of();
    }
    boolean cut = cutSide.contains(id);
    return nodes.keySet().stream().filter(other -> cutSide.contains(other) != cut).toList();
  }

  /**
   * Restarts nodes that ended on their own. A node its peers removed (e.g. Pekko's split-brain
   * resolver after a long pause) shuts its JVM down with {@link ClusterNodeMain#REMOVED_BY_PEERS}
   * (or 0); any other code is a failure of the node's code. Why a node failed is read from its
   * output, which may take seconds to end, without holding this set: the nemesis and the run go on
   * meanwhile, and leave an {@code EXITED} node alone.
   */
  void restartExited() throws IOException, InterruptedException {
    for (Exited e : takeExited()) {
      String why = null;
      if (e.code != ClusterNodeMain.REMOVED_BY_PEERS && e.code != 0) {
        String reason = e.process.failure();
        why =
            (e.code == ClusterNodeMain.NODE_FAILED
                    ? "its node stopped on an exception"
                    : "its JVM exited with code " + e.code)
                + (reason != null ? ": " + reason : "");
      }
      reportAndRelaunch(e, why);
    }
  }

  /** A node whose JVM ended on its own, with its exit code. */
  private record Exited(Node node, NodeProcess process, int code) {}

  /** The running nodes whose JVM has ended, now {@code EXITED}. */
  private synchronized List<Exited> takeExited() throws InterruptedException {
    List<Exited> exited = new ArrayList<>();
    for (Node n : nodes.values()) {
      if (n.state == State.RUNNING && !n.process.isAlive()) {
        n.state = State.EXITED;
        exited.add(new Exited(n, n.process, n.process.exitCode()));
      }
    }
    return exited;
  }

  /** Reports an exited node ({@code why} it failed; null if it did not) and starts it again. */
  private synchronized void reportAndRelaunch(Exited e, String why) throws IOException {
    Node n = e.node;
    if (why != null) {
      failures.add(
          n.id + " (incarnation " + n.incarnation + "): " + why + " (log " + log(n.id) + ")");
    }
    if (n.state != State.EXITED) {
      return; // the run stopped meanwhile
    }
    if (why != null) {
      events.accept(n.id + " failed: " + why + "; restarting it");
    } else if (e.code == ClusterNodeMain.REMOVED_BY_PEERS) {
      events.accept(n.id + " was removed by its peers (downed); restarting it");
    } else {
      events.accept(n.id + " left on its own; restarting it");
    }
    n.incarnation++;
    launch(n);
  }

  /** Kills every node JVM (the end of the run). */
  synchronized void stopAll() throws InterruptedException {
    for (Node n : nodes.values()) {
      if (n.process != null && n.process.isAlive()) {
        try {
          if (n.state == State.PAUSED) {
            n.process.resume();
          }
          n.process.kill();
        } catch (IOException e) {
          failures.add("could not stop " + n.id + ": " + e.getMessage());
        }
      }
      n.state = State.STOPPED;
    }
  }

  private void launch(Node n) throws IOException {
    n.process = launcher.start(n.address.host(), command.apply(n), log(n.id));
    n.state = State.RUNNING;
    if (!cutSide.isEmpty()) {
      tellCut(n); // a node restarted during a partition is on its side of it too
    }
  }
}
