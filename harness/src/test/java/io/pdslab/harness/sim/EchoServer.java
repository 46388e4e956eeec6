package io.pdslab.harness.sim;

import io.pdslab.harness.node.NodeEnv;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/** A Pekko echo server for client tests: replies to every request with its value. */
final class EchoServer {
  sealed interface Msg permits Request, Reply {}

  record Request(String client, long op, String value) implements Msg {}

  record Reply(long op, String value) implements Msg {}

  private EchoServer() {}

  static Behavior<Msg> create(NodeEnv<Msg> env) {
    return Behaviors.receive(Msg.class)
        .onMessage(
            Request.class,
            r -> {
              env.send(r.client(), new Reply(r.op(), r.value()));
              return Behaviors.same();
            })
        .build();
  }

  /** Clients send a string and expect it back. */
  static final ClientProtocol<String, String, Msg> PROTOCOL =
      new ClientProtocol<>() {
        @Override
        public Msg request(String client, long op, String input) {
          return new Request(client, op, input);
        }

        @Override
        public String result(long op, Msg reply) {
          return reply instanceof Reply r && r.op() == op ? r.value() : null;
        }
      };
}
