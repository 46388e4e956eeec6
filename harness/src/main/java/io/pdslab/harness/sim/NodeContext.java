package io.pdslab.harness.sim;

import io.pdslab.harness.node.NodeEnv;

/**
 * The simulator's {@link NodeEnv}, plus timers for runtimes that do not have their own. Starting a
 * timer under a key replaces the previous one with that key; a replaced or cancelled timer never
 * fires.
 *
 * @param <M> the node's message type
 */
public interface NodeContext<M> extends NodeEnv<M> {

  /**
   * Starts a timer: it fires {@code message} after {@code initialDelayMs}, then, if {@code periodMs
   * > 0}, every {@code periodMs}.
   */
  void startTimer(Object key, M message, long initialDelayMs, long periodMs);

  /** Cancels the timer with this key, if any. */
  void cancelTimer(Object key);
}
