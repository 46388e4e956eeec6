package io.pdslab.harness.sim;

import io.pdslab.harness.node.NodeEnv;
import java.nio.ByteBuffer;
import java.time.Duration;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * A tiny Pekko protocol for simulator tests: every 50 ms a node pings its peers; a ping is answered
 * with a pong. Pongs received are counted in volatile state and in stable storage (key "pongs").
 */
final class PingNode {
  sealed interface Msg permits Ping, Pong, Tick {}

  record Ping(String from, int n) implements Msg {}

  record Pong(String from, int n) implements Msg {}

  record Tick() implements Msg {}

  private PingNode() {}

  static Behavior<Msg> create(NodeEnv<Msg> env) {
    return Behaviors.withTimers(
        timers -> {
          timers.startTimerAtFixedRate("tick", new Tick(), Duration.ofMillis(50));
          int[] volatilePongs = {0};
          int[] round = {0};
          return Behaviors.receive(Msg.class)
              .onMessage(
                  Tick.class,
                  t -> {
                    round[0]++;
                    for (String peer : env.peers()) {
                      env.send(peer, new Ping(env.self(), round[0]));
                    }
                    return Behaviors.same();
                  })
              .onMessage(
                  Ping.class,
                  p -> {
                    env.send(p.from(), new Pong(env.self(), p.n()));
                    return Behaviors.same();
                  })
              .onMessage(
                  Pong.class,
                  p -> {
                    volatilePongs[0]++;
                    int stored = storedPongs(env) + 1;
                    env.storage().write("pongs", ByteBuffer.allocate(4).putInt(stored).array());
                    env.log("pong %d from %s (volatile %d)", p.n(), p.from(), volatilePongs[0]);
                    return Behaviors.same();
                  })
              .build();
        });
  }

  static int storedPongs(NodeEnv<?> env) {
    return env.storage().read("pongs").map(b -> ByteBuffer.wrap(b).getInt()).orElse(0);
  }
}
