package io.pdslab.harness.sim;

import io.pdslab.harness.node.NodeFactory;

/**
 * Runs a lab's {@link NodeFactory} (a Pekko behavior) as a simulator node: the hook through which
 * {@link Simulation#nodes(int, NodeFactory)} and {@link Simulation#node(String, NodeFactory)} run
 * Pekko nodes while the simulator stays independent of the Pekko adapter, which sits on top of it.
 * The harness's {@code io.pdslab.harness.pekko} package provides the one implementation, registered
 * for {@link java.util.ServiceLoader} in {@code META-INF/services}.
 */
public interface NodeFactoryAdapter {

  /** The runtime factory that builds and runs {@code factory}'s behavior. */
  <M> NodeRuntimeFactory<M> adapt(NodeFactory<M> factory);
}
