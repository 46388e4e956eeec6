package io.pdslab.labs.raft.given.kv;

import io.pdslab.harness.cluster.pekko.PekkoClusterApp;
import io.pdslab.harness.lin.HistoryRecorder;
import io.pdslab.harness.lin.Model;
import io.pdslab.harness.lin.Operation;
import io.pdslab.harness.lin.format.JsonHistoryFormat;
import io.pdslab.harness.lin.model.KvModel;
import io.pdslab.harness.node.NodeEnv;
import io.pdslab.labs.raft.given.Message;
import io.pdslab.labs.raft.kv.KvServer;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.apache.pekko.actor.typed.Behavior;

/**
 * The key-value service in cluster mode ({@code ./pdslab cluster raft}): each server is your {@link
 * KvServer} on your {@code Raft}, in a JVM of its own; the clients are {@link KvClerk}s running
 * {@link KvWorkload}.
 */
public final class KvClusterApp implements PekkoClusterApp<Message, KvModel.Op, String> {
  /** Snapshot past this much Raft state, so that long runs exercise compaction too. */
  private static final int MAX_RAFT_STATE = 64 * 1024;

  @Override
  public Class<Message> messageType() {
    return Message.class;
  }

  @Override
  public Behavior<Message> server(NodeEnv<Message> env) {
    return KvServer.create(env, MAX_RAFT_STATE, raft -> {});
  }

  @Override
  public Behavior<Message> client(
      NodeEnv<Message> env,
      List<String> servers,
      HistoryRecorder<KvModel.Op, String> history,
      BooleanSupplier running) {
    return KvWorkload.clerk(env, servers, env.random(), running, history, Duration.ZERO);
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
