package io.pdslab.harness.cluster;

import io.pdslab.harness.lin.Model;
import io.pdslab.harness.lin.Operation;
import java.util.List;

/**
 * What a lab plugs into cluster mode, whatever its engine: the server it runs in each node JVM, the
 * clients it runs in the driver JVM, and the model that judges the clients' history. The lab names
 * its implementation in {@code lab.json} ({@code "cluster": "fully.qualified.Class"}); it needs a
 * public no-argument constructor, because each JVM creates its own.
 *
 * <p>An engine adapter implements the two halves once for all labs on that engine (for Pekko,
 * {@code io.pdslab.harness.cluster.pekko.PekkoClusterApp}); a lab may also implement them itself.
 *
 * @param <I> operation input type of the history
 * @param <O> operation output type of the history
 */
public interface ClusterApp<I, O> {

  /**
   * How many consecutive ports each node uses, from {@link ServerAddress#port()} on (e.g. one for
   * the engine's messages and one for its clients).
   */
  default int portsPerNode() {
    return 1;
  }

  /**
   * Starts the driver's half, in the driver JVM, before any node starts (a node may need it, e.g.
   * as the seed it joins through).
   */
  ClusterDriver<I, O> driver(DriverSpec spec) throws Exception;

  /**
   * Starts one server in this node JVM and returns once it serves (joined its peers); called once
   * per JVM, again in a new JVM after each restart. A server that fails later calls {@code failed},
   * which ends the JVM.
   */
  RunningNode startNode(NodeSpec spec, NodeFailure failed) throws Exception;

  /** The sequential specification the history must be linearizable against. */
  Model<?, I, O> model();

  /** The history in a format {@code pdslab check-history} reads. */
  String historyJson(List<Operation<I, O>> history);

  /** How a node reports that it stopped on an error. */
  @FunctionalInterface
  interface NodeFailure {
    /** Ends this node JVM with an error the driver reports. */
    void failed(String what, Throwable cause);
  }
}
