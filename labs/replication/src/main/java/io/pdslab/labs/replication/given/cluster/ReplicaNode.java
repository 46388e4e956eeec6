package io.pdslab.labs.replication.given.cluster;

import io.pdslab.harness.cluster.NodeSpec;
import io.pdslab.harness.cluster.RunningNode;
import io.pdslab.harness.cluster.jgroups.ClusterChannel;
import io.pdslab.harness.cluster.link.RequestServer;
import io.pdslab.labs.replication.given.Command;
import io.pdslab.labs.replication.given.Replica;
import io.pdslab.labs.replication.given.Reply;
import java.util.concurrent.TimeUnit;
import org.jgroups.JChannel;
import org.jgroups.View;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One replica in a node JVM: its channel, the replica on it, and the door for the clients. */
final class ReplicaNode {
  private static final Logger LOG = LoggerFactory.getLogger(ReplicaNode.class);

  /** How long a first start waits for the whole group before it serves anyway. */
  private static final long GROUP_WAIT_MS = 60_000;

  private ReplicaNode() {}

  /**
   * Starts the replica and returns once it serves clients. At the first start it waits until the
   * group has every server, so that the nodes, started together, form one group before clients come
   * rather than several that merge later; a restarted node joins the group there is.
   */
  static RunningNode start(NodeSpec spec, ReplicaKind kind, int clientPort) throws Exception {
    ClusterChannel channel = ClusterChannel.create(spec, kind.aboveGms.get());
    Replica replica = kind.factory.create(channel.channel(), "pdslab-replication");
    replica.start();
    if (spec.incarnation() == 0) {
      awaitWholeGroup(channel.channel(), spec.servers().size());
    }
    RequestServer.start(
        spec.self().host(),
        spec.self().port(clientPort),
        ReplicationClusterApp.LINK_CLASSES,
        request -> execute(replica, request));
    LOG.info("{} serves as {} in view {}", spec.id(), kind.setting, channel.channel().getView());
    return channel::cut;
  }

  private static Object execute(Replica replica, Object request) {
    if (!(request instanceof Command command)) {
      throw new IllegalArgumentException("not a command: " + request);
    }
    try {
      return replica.execute(command);
    } catch (RuntimeException e) {
      LOG.warn("execute({}) threw", command, e);
      return Reply.timeout(); // no answer: the clerk retries, maybe elsewhere
    }
  }

  private static void awaitWholeGroup(JChannel channel, int size) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(GROUP_WAIT_MS);
    while (System.nanoTime() < deadline) {
      View v = channel.getView();
      if (v != null && v.size() >= size) {
        return;
      }
      Thread.sleep(50);
    }
    LOG.warn(
        "the group has not all {} servers after {} s: serving anyway", size, GROUP_WAIT_MS / 1000);
  }
}
