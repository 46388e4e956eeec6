package io.pdslab.harness.cluster;

import java.util.Set;

/** A server started by {@link ClusterApp#startNode}, as the driver controls it. */
@FunctionalInterface
public interface RunningNode {

  /**
   * Drops every later message between this node and the servers {@code ids} (both ways, as a
   * network partition would), until the next call; an empty set heals.
   */
  void cut(Set<String> ids);
}
