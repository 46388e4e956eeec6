package io.pdslab.harness.cluster.pekko;

import io.pdslab.harness.cluster.ClusterApp.NodeFailure;
import io.pdslab.harness.cluster.FileStableStorage;
import io.pdslab.harness.cluster.NodeSpec;
import io.pdslab.harness.cluster.RunningNode;
import io.pdslab.harness.sim.Seeds;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.cluster.Cluster;

/**
 * A server JVM's member of the Pekko cluster: it joins through the driver, opens the node's stable
 * storage from its data folder (so a restarted node resumes from what it saved), and runs the lab's
 * server behavior.
 */
final class PekkoNode {
  private PekkoNode() {}

  /** Starts the node and returns once this JVM is an Up member of the cluster. */
  static <M> RunningNode start(PekkoClusterApp<M, ?, ?> app, NodeSpec spec, NodeFailure failed)
      throws InterruptedException {
    String id = spec.id();
    Member<M> member =
        new Member<>(
            app.messageType(),
            spec.self().host(),
            spec.self().port(),
            spec.driver().host() + ":" + spec.driver().port(),
            true,
            (node, cause) -> failed.failed("node " + node + " stopped", cause));
    long seed = Seeds.derive(spec.seed(), id + "#" + spec.incarnation());
    PekkoNodeEnv<M> env =
        new PekkoNodeEnv<>(
            id,
            spec.serverIds(),
            member.directory(),
            new FileStableStorage(spec.data(), spec.fsync()),
            new Random(seed));
    member.spawn(id, app.server(env));
    CountDownLatch up = new CountDownLatch(1);
    Cluster.get(Adapter.toClassic(member.system())).registerOnMemberUp(up::countDown);
    up.await();
    return env::cutOff;
  }
}
