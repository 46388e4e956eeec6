package io.pdslab.labs.raft.given;

import io.pdslab.harness.node.NodeEnv;
import io.pdslab.labs.raft.Raft;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * The Pekko actor around your {@link Raft} peer: it owns the timers and feeds messages to Raft. The
 * tester runs every peer in this actor; a service runs its own (see {@code KvServer}).
 */
public final class RaftNode {
  private RaftNode() {}

  /**
   * A Raft peer as a Pekko behavior.
   *
   * @param env what the harness gives the node (identity, network, storage, randomness)
   * @param applyCh receives committed commands and snapshots, in order
   * @param onStart called once with the new peer, so that its owner (a service or the tester) can
   *     call {@link Raft#start}, {@link Raft#getState} and {@link Raft#snapshot}
   */
  public static Behavior<Message> create(
      NodeEnv<Message> env, Consumer<ApplyMsg> applyCh, Consumer<Raft> onStart) {
    return Behaviors.setup(
        ctx ->
            Behaviors.withTimers(
                timers -> {
                  Raft raft = new Raft(env, timers, applyCh);
                  onStart.accept(raft);
                  return Behaviors.receive(Message.class)
                      .onMessage(
                          RaftMessage.class,
                          m -> {
                            raft.onMessage(m);
                            return Behaviors.same();
                          })
                      .build();
                }));
  }
}
