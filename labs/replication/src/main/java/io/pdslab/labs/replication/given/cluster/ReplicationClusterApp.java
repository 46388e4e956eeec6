package io.pdslab.labs.replication.given.cluster;

import io.pdslab.harness.cluster.ClusterApp;
import io.pdslab.harness.cluster.ClusterDriver;
import io.pdslab.harness.cluster.DriverSpec;
import io.pdslab.harness.cluster.NodeSpec;
import io.pdslab.harness.cluster.RunningNode;
import io.pdslab.harness.cluster.jgroups.ClusterChannel;
import io.pdslab.harness.lin.Model;
import io.pdslab.harness.lin.Operation;
import io.pdslab.harness.lin.format.JsonHistoryFormat;
import io.pdslab.harness.lin.model.KvModel;
import java.util.List;

/**
 * The replicated store in cluster mode ({@code ./pdslab cluster replication}): each server is your
 * replica class in a JVM of its own, on a JGroups channel over TCP with TCPPING discovery; the
 * clients are {@link io.pdslab.labs.replication.given.Clerk}s in the driver JVM running the {@link
 * io.pdslab.labs.replication.given.Workload}, reaching the replicas over a TCP link of their own.
 *
 * <p>{@code --set replica=smr} (the default: {@code SmrReplica} over SEQUENCER) or {@code --set
 * replica=primary-backup} ({@code PrimaryBackupReplica}) chooses the class.
 */
public final class ReplicationClusterApp implements ClusterApp<KvModel.Op, String> {

  /** What the client link may carry: the given requests and replies, and the JDK's own types. */
  static final String LINK_CLASSES = "io.pdslab.**;java.**";

  @Override
  public int portsPerNode() {
    return ClusterChannel.PORTS + 1; // the channel's ports, then the clients' port
  }

  @Override
  public ClusterDriver<KvModel.Op, String> driver(DriverSpec spec) {
    return new ClientsDriver(spec.servers(), ClusterChannel.PORTS);
  }

  @Override
  public RunningNode startNode(NodeSpec spec, NodeFailure failed) throws Exception {
    return ReplicaNode.start(spec, ReplicaKind.of(spec.settings()), ClusterChannel.PORTS);
  }

  @Override
  public Model<?, KvModel.Op, String> model() {
    return new KvModel();
  }

  @Override
  public String historyJson(List<Operation<KvModel.Op, String>> history) {
    return JsonHistoryFormat.writeKv(history);
  }
}
