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

  // BEGIN SOLUTION
  /** The service state, saved in snapshots. */
  record State(
      Map<String, String> data, Map<String, Long> lastSeq, Map<String, String> lastResult) {}

  private final Map<String, String> data = new TreeMap<>();
  private final Map<String, Long> lastSeq = new TreeMap<>();
  private final Map<String, String> lastResult = new TreeMap<>();

  /** Requests waiting for their log index to be applied. */
  private final Map<Integer, KvRequest> pending = new TreeMap<>();

  // END SOLUTION

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
    // BEGIN SOLUTION
    if (answeredFromDuplicateTable(request)) {
      return;
    }
    StartResult r = raft.start(KvCommand.of(request));
    if (!r.isLeader()) {
      reply(request, KvMessage.WRONG_LEADER, "");
      return;
    }
    if (answeredFromDuplicateTable(request)) {
      // A one-server cluster commits and applies inside start(), before the request is pending.
      return;
    }
    KvRequest displaced = pending.put(r.index(), request);
    if (displaced != null && !displaced.equals(request)) {
      reply(displaced, KvMessage.WRONG_LEADER, "");
    }
    // END SOLUTION
    // STUB: reply(request, KvMessage.WRONG_LEADER, "");
  }

  /** Raft's apply channel: execute committed commands, install snapshots. */
  void apply(ApplyMsg m) {
    // BEGIN SOLUTION
    if (m.snapshotValid()) {
      State s = Persister.decode(m.snapshot(), State.class);
      data.clear();
      data.putAll(s.data());
      lastSeq.clear();
      lastSeq.putAll(s.lastSeq());
      lastResult.clear();
      lastResult.putAll(s.lastResult());
      return;
    }
    KvCommand c = (KvCommand) m.command();
    Long last = lastSeq.get(c.clientId());
    if (last == null || c.seq() > last) {
      String result = execute(c);
      lastSeq.put(c.clientId(), c.seq());
      lastResult.put(c.clientId(), result);
    }
    KvRequest waiting = pending.remove(m.commandIndex());
    if (waiting != null) {
      boolean same = waiting.clientId().equals(c.clientId()) && waiting.seq() == c.seq();
      if (same) {
        reply(waiting, KvMessage.OK, lastResult.get(c.clientId()));
      } else {
        reply(waiting, KvMessage.WRONG_LEADER, "");
      }
    }
    if (maxRaftState > 0 && persister.raftStateSize() >= maxRaftState) {
      raft.snapshot(m.commandIndex(), Persister.encode(new State(data, lastSeq, lastResult)));
    }
    // END SOLUTION
  }

  // BEGIN SOLUTION
  /** Answers a request already executed (a retry), or drops an older one; false if it is new. */
  private boolean answeredFromDuplicateTable(KvRequest request) {
    Long last = lastSeq.get(request.clientId());
    if (last == null || request.seq() > last) {
      return false;
    }
    if (request.seq() == last) {
      reply(request, KvMessage.OK, lastResult.get(request.clientId()));
    }
    return true;
  }

  private String execute(KvCommand c) {
    String current = data.getOrDefault(c.key(), "");
    switch (c.kind()) {
      case PUT -> data.put(c.key(), c.value());
      case APPEND -> data.put(c.key(), current + c.value());
      case GET -> {
        return current;
      }
    }
    return "";
  }

  // END SOLUTION

  private void reply(KvRequest request, String err, String value) {
    env.send(
        request.clientId(), new KvReply(request.clientId(), request.seq(), err, value, env.self()));
  }
}
