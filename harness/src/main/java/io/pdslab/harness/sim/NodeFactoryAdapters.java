package io.pdslab.harness.sim;

import io.pdslab.harness.node.NodeFactory;
import java.util.List;
import java.util.ServiceLoader;

/** Finds the {@link NodeFactoryAdapter} on the class path, once per JVM. */
final class NodeFactoryAdapters {
  private NodeFactoryAdapters() {}

  /** Loaded at first use: a run with plain {@link NodeRuntime} nodes never needs Pekko. */
  private static final class Holder {
    static final NodeFactoryAdapter ADAPTER = load();
  }

  static <M> NodeRuntimeFactory<M> adapt(NodeFactory<M> factory) {
    return Holder.ADAPTER.adapt(factory);
  }

  private static NodeFactoryAdapter load() {
    // The harness's own loader: it holds the harness jar, whatever the thread's context loader is.
    List<NodeFactoryAdapter> found =
        ServiceLoader.load(NodeFactoryAdapter.class, NodeFactoryAdapter.class.getClassLoader())
            .stream()
            .map(ServiceLoader.Provider::get)
            .toList();
    if (found.size() != 1) {
      throw new IllegalStateException(
          "expected one "
              + NodeFactoryAdapter.class.getName()
              + " on the class path (the harness registers io.pdslab.harness.pekko's in"
              + " META-INF/services), found "
              + found.size()
              + ": "
              + found);
    }
    return found.get(0);
  }
}
