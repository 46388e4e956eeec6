package io.pdslab.harness.cluster;

import io.pdslab.harness.lin.HistoryRecorder;
import io.pdslab.harness.lin.Model;
import io.pdslab.harness.lin.Operation;
import io.pdslab.harness.node.NodeEnv;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.apache.pekko.actor.typed.Behavior;

/**
 * What a lab plugs into cluster mode: its servers, a client that drives a workload and records it,
 * and the model that judges the recorded history. The lab names its implementation in {@code
 * lab.json} ({@code "cluster": "fully.qualified.Class"}); it needs a public no-argument
 * constructor.
 *
 * <p>The servers are the very behaviors the simulator tests run; here each one runs in its own JVM
 * on a real Pekko cluster.
 *
 * @param <M> the message type: every message is an instance of it, and the Jackson CBOR serializer
 *     is bound to it, so messages must be records of serializable values
 * @param <I> operation input type of the history
 * @param <O> operation output type of the history
 */
public interface ClusterApp<M, I, O> {

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

  /** The sequential specification the history must be linearizable against. */
  Model<?, I, O> model();

  /** The history in a format {@code pdslab check-history} reads. */
  String historyJson(List<Operation<I, O>> history);
}
