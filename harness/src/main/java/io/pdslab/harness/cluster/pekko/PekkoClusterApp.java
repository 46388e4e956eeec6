package io.pdslab.harness.cluster.pekko;

import io.pdslab.harness.cluster.ClusterApp;
import io.pdslab.harness.cluster.ClusterDriver;
import io.pdslab.harness.cluster.DriverSpec;
import io.pdslab.harness.cluster.NodeSpec;
import io.pdslab.harness.cluster.RunningNode;
import io.pdslab.harness.lin.HistoryRecorder;
import io.pdslab.harness.node.NodeEnv;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.apache.pekko.actor.typed.Behavior;

/**
 * A {@link ClusterApp} on a real Pekko cluster: a lab gives its server and client behaviors (the
 * very ones its simulator tests run); this adapter runs each server in its own JVM on Pekko Cluster
 * (Artery TCP), the clients in the driver JVM, which is the cluster's seed node, and routes
 * messages by node id through the receptionist.
 *
 * @param <M> the message type: every message is an instance of it, and the Jackson CBOR serializer
 *     is bound to it, so messages must be records of serializable values
 * @param <I> operation input type of the history
 * @param <O> operation output type of the history
 */
public interface PekkoClusterApp<M, I, O> extends ClusterApp<I, O> {

  /** The marker type of every message; cluster mode binds the Jackson CBOR serializer to it. */
  Class<M> messageType();

  /** A server, in a JVM of its own. Called again after each restart, with the saved storage. */
  Behavior<M> server(NodeEnv<M> env);

  /**
   * A client in the driver's JVM: it runs operations against {@code servers} while {@code running}
   * says so, recording each one in {@code history} (client number = the number in its id, {@code
   * "c3"} → 3) just before sending it and just after its answer.
   */
  Behavior<M> client(
      NodeEnv<M> env, List<String> servers, HistoryRecorder<I, O> history, BooleanSupplier running);

  @Override
  default ClusterDriver<I, O> driver(DriverSpec spec) {
    return new PekkoDriver<>(this, spec);
  }

  @Override
  default RunningNode startNode(NodeSpec spec, NodeFailure failed) throws InterruptedException {
    return PekkoNode.start(this, spec, failed);
  }
}
