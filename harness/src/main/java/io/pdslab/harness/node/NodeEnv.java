package io.pdslab.harness.node;

import java.util.List;
import java.util.Random;

/**
 * What the harness gives a node: its identity, its peers, the network, stable storage, a seeded
 * random source, a clock and a log. The simulator and a real cluster both implement it, so the same
 * {@link NodeFactory} runs in both.
 *
 * <p>In simulation everything a node observes goes through this interface: never use {@code
 * ctx.getSelf()} to message yourself (use {@code send(self(), m)} or a timer), never read the wall
 * clock, never use an unseeded random source.
 *
 * @param <M> the node's message type (a Java record or a sealed interface of records)
 */
public interface NodeEnv<M> {

  /** This node's id: {@code "n0"}, {@code "n1"}, ... for servers, {@code "c0"}, ... for clients. */
  String self();

  /** The other servers' ids, sorted, unmodifiable; never contains {@link #self()}. */
  List<String> peers();

  /**
   * Sends a message to another node through the (simulated or real) network. Delivery is not
   * guaranteed: the network may delay, drop, duplicate or reorder it.
   */
  void send(String to, M message);

  /** This node's stable storage; it survives crashes. */
  StableStorage storage();

  /** A random source seeded by the harness; the only randomness a node may use. */
  Random random();

  /** Virtual milliseconds in simulation, monotonic milliseconds in a real cluster. */
  long nowMillis();

  /** A node log line; in simulation it goes into the trace. Uses {@link String#format} syntax. */
  void log(String format, Object... args);
}
