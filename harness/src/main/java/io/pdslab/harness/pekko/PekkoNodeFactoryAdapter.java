package io.pdslab.harness.pekko;

import io.pdslab.harness.node.NodeFactory;
import io.pdslab.harness.sim.NodeFactoryAdapter;
import io.pdslab.harness.sim.NodeRuntimeFactory;

/**
 * Registers the Pekko adapter with the simulator (through {@code META-INF/services}), so that
 * {@code Simulation.nodes(count, factory)} runs each node in a {@link PekkoNodeRuntime}.
 */
public final class PekkoNodeFactoryAdapter implements NodeFactoryAdapter {

  /** Called by {@link java.util.ServiceLoader}. */
  public PekkoNodeFactoryAdapter() {}

  @Override
  public <M> NodeRuntimeFactory<M> adapt(NodeFactory<M> factory) {
    return PekkoNodeRuntime.factory(factory);
  }
}
