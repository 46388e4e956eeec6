package io.pdslab.labs.replication.given.cluster;

import io.pdslab.harness.cluster.NodeSpec;
import io.pdslab.harness.cluster.RunningNode;
import io.pdslab.harness.cluster.jgroups.ClusterChannel;
import io.pdslab.harness.cluster.link.RequestServer;
import io.pdslab.labs.replication.given.Command;
import io.pdslab.labs.replication.given.Replica;
import io.pdslab.labs.replication.given.Reply;
import java.time.Duration;
import org.jgroups.JChannel;
import org.jgroups.View;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One replica in a node JVM: its channel, the replica on it, and the door for the clients. */
final class ReplicaNode {
  private static final Logger LOG = LoggerFactory.getLogger(ReplicaNode.class);

  /** The group's name. */
  private static final String CLUSTER = "pdslab-replication";

  /**
   * How long a first start waits for the whole group before it serves anyway, and a restart for any
   * other member.
   */
  private static final Duration GROUP_WAIT = Duration.ofSeconds(60);

  private ReplicaNode() {}

  /**
   * Starts the replica and returns once it serves clients. At the first start it waits until the
   * group has every server, so that the nodes, started together, form one group before clients come
   * rather than several that merge later. A restarted node joins the group there is, and never
   * serves alone: see {@link #startInGroup}.
   */
  static RunningNode start(NodeSpec spec, ReplicaKind kind, int clientPort) throws Exception {
    return start(spec, kind, clientPort, GROUP_WAIT);
  }

  /** {@link #start(NodeSpec, ReplicaKind, int)}, waiting up to {@code groupWait} for the group. */
  static RunningNode start(NodeSpec spec, ReplicaKind kind, int clientPort, Duration groupWait)
      throws Exception {
    Started node =
        spec.incarnation() == 0
            ? startNew(spec, kind, groupWait)
            : startInGroup(spec, kind, groupWait);
    ClusterChannel channel = node.channel();
    Replica replica = node.replica();
    RequestServer.start(
        spec.self().host(),
        spec.self().port(clientPort),
        ReplicationClusterApp.LINK_CLASSES,
        request -> execute(replica, request));
    LOG.info("{} serves as {} in view {}", spec.id(), kind.setting, channel.channel().getView());
    return channel::cut;
  }

  /** The channel a replica runs on, and the replica. */
  private record Started(ClusterChannel channel, Replica replica) {}

  private static Started startOnce(NodeSpec spec, ReplicaKind kind) throws Exception {
    ClusterChannel channel = ClusterChannel.create(spec, kind.aboveGms.get());
    Replica replica = kind.factory.create(channel.channel(), CLUSTER);
    replica.start();
    return new Started(channel, replica);
  }

  private static Started startNew(NodeSpec spec, ReplicaKind kind, Duration groupWait)
      throws Exception {
    Started node = startOnce(spec, kind);
    awaitWholeGroup(node.channel().channel(), spec.servers().size(), groupWait);
    return node;
  }

  /**
   * Starts a restarted replica in the group of the others. JGroups creates a group of one when its
   * discovery hears no member within the join timeout ("no members discovered ... creating cluster
   * as coordinator"), which a node restarted on the address of one just killed meets now and then.
   * Such a replica would serve with an empty state (no one gave it one) until a merge, and the
   * replicas of parts B and C do not reconcile merges: it would answer reads from nothing, or as a
   * second primary. So it leaves and joins again.
   */
  private static Started startInGroup(NodeSpec spec, ReplicaKind kind, Duration groupWait)
      throws Exception {
    long deadline = System.nanoTime() + groupWait.toNanos();
    while (true) {
      Started node = startOnce(spec, kind);
      View v = node.channel().channel().getView();
      if (spec.servers().size() == 1 || (v != null && v.size() > 1)) {
        return node;
      }
      node.replica().close();
      node.channel().channel().close(); // frees the ports even if the replica's close did not
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            spec.id()
                + " found no other server of the group within "
                + groupWait.toSeconds()
                + " s of its restart; a restarted replica does not serve alone");
      }
      LOG.warn("{} found no other server of the group: leaving it and joining again", spec.id());
    }
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

  private static void awaitWholeGroup(JChannel channel, int size, Duration wait)
      throws InterruptedException {
    long deadline = System.nanoTime() + wait.toNanos();
    while (System.nanoTime() < deadline) {
      View v = channel.getView();
      if (v != null && v.size() >= size) {
        return;
      }
      Thread.sleep(50);
    }
    LOG.warn("the group has not all {} servers after {} s: serving anyway", size, wait.toSeconds());
  }
}
