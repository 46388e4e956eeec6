package io.pdslab.harness.sim;

/**
 * One running node instance as the simulator sees it: it starts, receives messages and timer
 * firings, one at a time, on the simulator's thread. This is the simulator's node SPI: the Pekko
 * adapter ({@code io.pdslab.harness.pekko.PekkoNodeRuntime}) is one implementation; a plain Java
 * node, or a bridge to a Netty pipeline exchanging {@link Frame}s, implements it directly. A crash
 * simply drops the instance.
 */
public interface NodeRuntime {

  /** Called once, at virtual start time of this instance. */
  void start();

  /** A message from node {@code from} arrived. */
  void deliver(String from, Object message);

  /** The latest timer started under {@code key} fired; {@code message} is its payload. */
  void fireTimer(Object key, Object message);
}
