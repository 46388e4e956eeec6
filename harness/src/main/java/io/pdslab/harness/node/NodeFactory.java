package io.pdslab.harness.node;

import org.apache.pekko.actor.typed.Behavior;

/**
 * Builds a node's behavior from the environment the harness provides. Called once at start and
 * again at every restart (with the stable storage the node saved before its crash).
 *
 * <pre>{@code
 * NodeFactory<String> echo =
 *     env -> Behaviors.receiveMessage(m -> { env.send("c0", m); return Behaviors.same(); });
 * }</pre>
 *
 * @param <M> the node's message type
 */
@FunctionalInterface
public interface NodeFactory<M> {

  /** Returns the behavior of a fresh node instance running in {@code env}. */
  Behavior<M> create(NodeEnv<M> env);
}
