package io.pdslab.labs.raft.kv;

import io.pdslab.harness.node.NodeEnv;
import io.pdslab.labs.raft.Raft;
import io.pdslab.labs.raft.given.ApplyMsg;
import io.pdslab.labs.raft.given.Message;
import io.pdslab.labs.raft.given.Persister;
import io.pdslab.labs.raft.given.RaftMessage;
import io.pdslab.labs.raft.given.StartResult;
import io.pdslab.labs.raft.given.kv.KvMessage;
import io.pdslab.labs.raft.given.kv.KvMessage.KvReply;
import io.pdslab.labs.raft.given.kv.KvMessage.KvRequest;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * A linearizable key-value server replicated with Raft: every request (gets included) goes through
 * the log, and each client's requests are executed at most once even when clients retry.
 *
 * <p>One actor holds both the service and its {@link Raft} peer: Raft's apply channel calls {@link
 * #apply} on the same thread.
 */
public final class KvServer {
  private final NodeEnv<Message> env;
  private final int maxRaftState;
  private final Persister persister;
  private Raft raft;


  private KvServer(NodeEnv<Message> env, int maxRaftState) {
    this.env = env;
    this.maxRaftState = maxRaftState;
    this.persister = new Persister(env.storage());
  }

  /**
   * A key-value server.
   *
   * @param maxRaftState snapshot when Raft's saved state reaches this many bytes (-1: never)
   * @param onStart receives the Raft peer (for tests)
   */
  public static Behavior<Message> create(
      NodeEnv<Message> env, int maxRaftState, Consumer<Raft> onStart) {
    return Behaviors.withTimers(
        timers -> {
          KvServer server = new KvServer(env, maxRaftState);
          server.raft = new Raft(env, timers, server::apply);
          onStart.accept(server.raft);
          return Behaviors.receive(Message.class)
              .onMessage(
                  RaftMessage.class,
                  m -> {
                    server.raft.onMessage(m);
                    return Behaviors.same();
                  })
              .onMessage(
                  KvRequest.class,
                  m -> {
                    server.onRequest(m);
                    return Behaviors.same();
                  })
              .build();
        });
  }

  /** A client request: hand it to Raft, answer once it is applied. */
  void onRequest(KvRequest request) {
    reply(request, KvMessage.WRONG_LEADER, "");
  }

  /** Raft's apply channel: execute committed commands, install snapshots. */
  void apply(ApplyMsg m) {
  }


  private void reply(KvRequest request, String err, String value) {
    env.send(
        request.clientId(), new KvReply(request.clientId(), request.seq(), err, value, env.self()));
  }
}
