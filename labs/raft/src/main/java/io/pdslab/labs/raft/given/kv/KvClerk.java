package io.pdslab.labs.raft.given.kv;

import io.pdslab.harness.node.NodeEnv;
import io.pdslab.labs.raft.given.Message;
import io.pdslab.labs.raft.given.kv.KvMessage.KvReply;
import io.pdslab.labs.raft.given.kv.KvMessage.KvRequest;
import io.pdslab.labs.raft.given.kv.KvMessage.NextOp;
import io.pdslab.labs.raft.given.kv.KvMessage.RetryTick;
import java.time.Duration;
import java.util.List;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * A closed-loop key-value client: it runs one operation at a time, retrying it on other servers
 * until one answers OK, then starts the next. Retries reuse the request's sequence number, so
 * servers can detect duplicates.
 */
public final class KvClerk {
  /** Try another server when no answer arrives within this time. */
  public static final Duration RETRY = Duration.ofMillis(200);

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

  private final NodeEnv<Message> env;
  private final TimerScheduler<Message> timers;
  private final List<String> servers;
  private final Workload workload;
  private int leaderGuess;
  private long seq;
  private KvRequest current;
  private int refusals;

  private KvClerk(
      NodeEnv<Message> env, TimerScheduler<Message> timers, List<String> servers, Workload w) {
    this.env = env;
    this.timers = timers;
    this.servers = List.copyOf(servers);
    this.workload = w;
    this.leaderGuess = env.random().nextInt(servers.size());
  }

  /** A client of {@code servers} running {@code workload}. */
  public static Behavior<Message> create(
      NodeEnv<Message> env, List<String> servers, Workload workload) {
    return Behaviors.withTimers(
        timers -> {
          KvClerk clerk = new KvClerk(env, timers, servers, workload);
          timers.startSingleTimer("next", new NextOp(), Duration.ofMillis(1));
          return Behaviors.receive(Message.class)
              .onMessage(NextOp.class, m -> clerk.next())
              .onMessage(RetryTick.class, m -> clerk.retry())
              .onMessage(KvReply.class, clerk::onReply)
              .build();
        });
  }

  private Behavior<Message> next() {
    current = workload.next(env.self(), ++seq);
    if (current != null) {
      workload.invoked(current);
      send();
    }
    return Behaviors.same();
  }

  private Behavior<Message> retry() {
    leaderGuess = (leaderGuess + 1) % servers.size();
    send();
    return Behaviors.same();
  }

  private Behavior<Message> onReply(KvReply reply) {
    if (current == null || reply.seq() != current.seq()) {
      return Behaviors.same(); // a late answer to an earlier request
    }
    if (!KvMessage.OK.equals(reply.err())) {
      // Try the next server at once, but after a full round of refusals wait for the retry timer:
      // an election is probably under way.
      leaderGuess = (leaderGuess + 1) % servers.size();
      if (++refusals % servers.size() != 0) {
        send();
      }
      return Behaviors.same();
    }
    leaderGuess = servers.indexOf(reply.from());
    KvRequest done = current;
    current = null;
    timers.cancel("retry");
    workload.completed(done, reply.value());
    timers.startSingleTimer("next", new NextOp(), workload.thinkTime());
    return Behaviors.same();
  }

  private void send() {
    env.send(servers.get(leaderGuess), current);
    timers.startSingleTimer("retry", new RetryTick(), RETRY);
  }
}
