package io.pdslab.bench.sim;

import io.pdslab.harness.node.NodeEnv;
import io.pdslab.harness.sim.NodeContext;
import io.pdslab.harness.sim.NodeRuntime;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * The trivial protocol the simulator benchmarks run: client {@code c0} keeps {@code window} pings
 * in flight to server {@code n0}, which echoes each one back; every pong triggers the next ping.
 * With the default 1 ms latency every virtual millisecond delivers exactly {@code window} messages,
 * so a run of D ms is D × window simulator events. The protocol exists twice: as plain {@link
 * NodeRuntime}s (the simulator core alone) and as Pekko behaviors (through the adapter).
 */
final class Echo {
  static final String SERVER = "n0";
  static final String CLIENT = "c0";

  private Echo() {}

  /** Both message types of the protocol (a Pekko node has one message type). */
  sealed interface Message permits Ping, Pong {}

  /** A request; {@code from} is where the echo goes. */
  record Ping(String from, int n) implements Message {}

  /** The echo of ping {@code n}. */
  record Pong(int n) implements Message {}

  // ---------------------------------------------------------------- plain runtimes (core)

  static NodeRuntime coreServer(NodeContext<Message> ctx) {
    return new NodeRuntime() {
      @Override
      public void start() {}

      @Override
      public void deliver(String from, Object message) {
        ctx.send(from, new Pong(((Ping) message).n()));
      }

      @Override
      public void fireTimer(Object key, Object message) {}
    };
  }

  static NodeRuntime coreClient(NodeContext<Message> ctx, int window) {
    return new NodeRuntime() {
      @Override
      public void start() {
        for (int i = 0; i < window; i++) {
          ctx.send(SERVER, new Ping(CLIENT, i));
        }
      }

      @Override
      public void deliver(String from, Object message) {
        ctx.send(SERVER, new Ping(CLIENT, ((Pong) message).n() + window));
      }

      @Override
      public void fireTimer(Object key, Object message) {}
    };
  }

  // ---------------------------------------------------------------- Pekko behaviors (adapter)

  static Behavior<Message> pekkoServer(NodeEnv<Message> env) {
    return Behaviors.receive(Message.class)
        .onMessage(
            Ping.class,
            ping -> {
              env.send(ping.from(), new Pong(ping.n()));
              return Behaviors.same();
            })
        .build();
  }

  static Behavior<Message> pekkoClient(NodeEnv<Message> env, int window) {
    return Behaviors.setup(
        ctx -> {
          for (int i = 0; i < window; i++) {
            env.send(SERVER, new Ping(CLIENT, i));
          }
          return Behaviors.receive(Message.class)
              .onMessage(
                  Pong.class,
                  pong -> {
                    env.send(SERVER, new Ping(CLIENT, pong.n() + window));
                    return Behaviors.same();
                  })
              .build();
        });
  }
}
