package io.pdslab.labs.raft.given.kv;

import io.pdslab.harness.node.NodeEnv;
import io.pdslab.labs.raft.given.Message;
import io.pdslab.labs.raft.given.kv.KvMessage.KvRequest;
import io.pdslab.labs.raft.given.kv.KvMessage.NextOp;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * A cheat: the handout's stub Raft and KvServer with this client, which never sends a message and
 * answers every operation from one map shared by the whole JVM. Its history is linearizable, so it
 * would earn all of part E if the grader used it; the grader must ignore this file (it is given
 * code) and report that it was changed.
 */
public final class KvClerk {
  /** Try another server when no answer arrives within this time. */
  public static final Duration RETRY = Duration.ofMillis(200);

  private static final Map<String, String> DATA = new TreeMap<>();

  /** What the client does: where operations come from and where their results go. */
  public interface Workload {
    /** The next operation, or null to stop. */
    KvRequest next(String clientId, long seq);

    /** The operation started (called once, before its first send). */
    void invoked(KvRequest request);

    /** The operation completed with {@code value}. */
    void completed(KvRequest request, String value);

    /** Pause between an answer and the next operation. */
    default Duration thinkTime() {
      return Duration.ofMillis(1);
    }
  }

  private KvClerk() {}

  /** A "client" that answers itself. */
  public static Behavior<Message> create(
      NodeEnv<Message> env, List<String> servers, Workload workload) {
    return Behaviors.withTimers(
        timers -> {
          timers.startSingleTimer("next", new NextOp(), Duration.ofMillis(1));
          long[] seq = {0};
          return Behaviors.receive(Message.class)
              .onMessage(
                  NextOp.class,
                  m -> {
                    KvRequest r = workload.next(env.self(), ++seq[0]);
                    if (r != null) {
                      workload.invoked(r);
                      String old = DATA.getOrDefault(r.key(), "");
                      switch (r.kind()) {
                        case PUT -> DATA.put(r.key(), r.value());
                        case APPEND -> DATA.put(r.key(), old + r.value());
                        case GET -> {}
                      }
                      workload.completed(r, r.kind() == KvMessage.Kind.GET ? old : "");
                      timers.startSingleTimer("next", new NextOp(), workload.thinkTime());
                    }
                    return Behaviors.same();
                  })
              .build();
        });
  }
}
