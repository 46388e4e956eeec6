package io.pdslab.labs.replication.given;

import org.jgroups.JChannel;

/** Builds a replica on an unconnected channel; {@link Replica#start()} connects it. */
@FunctionalInterface
public interface ReplicaFactory {

  /**
   * @param channel a channel with the stack the tests chose, not connected yet
   * @param cluster the cluster name to connect it to
   */
  Replica create(JChannel channel, String cluster);
}
