package io.pdslab.harness.sim;

/**
 * Creates a node instance at start and at every restart.
 *
 * @param <M> the node's message type
 */
@FunctionalInterface
public interface NodeRuntimeFactory<M> {

  /** A fresh instance running in {@code context}. */
  NodeRuntime create(NodeContext<M> context);
}
