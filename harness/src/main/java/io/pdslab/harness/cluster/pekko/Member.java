package io.pdslab.harness.cluster.pekko;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.pdslab.harness.cluster.ClusterNodeMain;
import java.util.function.BiConsumer;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.ChildFailed;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;

/**
 * One JVM's membership in a pdslab cluster: an actor system on Artery TCP that joins the cluster
 * through the seed nodes, and a guardian that spawns the JVM's nodes, registers each under its id
 * with the receptionist, and keeps the {@link Directory} of every node in the cluster up to date.
 */
final class Member<M> {
  /** Name of every pdslab actor system; members of one cluster must share it. */
  static final String SYSTEM_NAME = "pdslab";

  /** What the guardian does. */
  interface Command {}

  /** Spawns a node named {@code id} and registers it. */
  record Spawn<M>(String id, Behavior<M> behavior) implements Command {}

  private record Listed(Receptionist.Listing listing) implements Command {}

  private final ActorSystem<Command> system;
  private final Directory<M> directory = new Directory<>();

  /**
   * Starts this JVM's actor system.
   *
   * @param host the address other members reach this JVM at
   * @param port its Artery TCP port
   * @param seed the {@code host:port} of the member every other one joins through (the driver)
   * @param onNodeStopped called with the id and cause (null if none) when a node actor stops
   */
  Member(
      Class<M> messageType,
      String host,
      int port,
      String seed,
      boolean exitJvmWhenDowned,
      BiConsumer<String, Throwable> onNodeStopped) {
    ServiceKey<M> key = ServiceKey.create(messageType, "pdslab-nodes");
    Config config = config(messageType, host, port, seed, exitJvmWhenDowned);
    this.system = ActorSystem.create(guardian(key, onNodeStopped), SYSTEM_NAME, config);
  }

  Directory<M> directory() {
    return directory;
  }

  ActorSystem<Command> system() {
    return system;
  }

  void spawn(String id, Behavior<M> behavior) {
    system.tell(new Spawn<>(id, behavior));
  }

  @SuppressWarnings("unchecked")
  private Behavior<Command> guardian(ServiceKey<M> key, BiConsumer<String, Throwable> onStopped) {
    return Behaviors.setup(
        ctx -> {
          ActorRef<Receptionist.Listing> listings =
              ctx.messageAdapter(Receptionist.Listing.class, Listed::new);
          ctx.getSystem().receptionist().tell(Receptionist.subscribe(key, listings));
          return Behaviors.receive(Command.class)
              .onMessage(
                  Spawn.class,
                  s -> {
                    ActorRef<M> ref = ctx.spawn((Behavior<M>) s.behavior(), s.id());
                    ctx.watch(ref);
                    ctx.getSystem().receptionist().tell(Receptionist.register(key, ref));
                    return Behaviors.same();
                  })
              .onMessage(
                  Listed.class,
                  l -> {
                    directory.update(l.listing().getAllServiceInstances(key));
                    return Behaviors.same();
                  })
              .onSignal(
                  Terminated.class,
                  t -> {
                    Throwable cause = t instanceof ChildFailed f ? f.getCause() : null;
                    onStopped.accept(t.getRef().path().name(), cause);
                    return Behaviors.same();
                  })
              .build();
        });
  }

  /** Cluster, remoting and serialization settings; everything else is Pekko's defaults. */
  static Config config(
      Class<?> messageType, String host, int port, String seed, boolean exitJvmWhenDowned) {
    String hocon =
        String.join(
            "\n",
            "pekko.actor.provider = cluster",
            "pekko.actor.serialization-bindings { \""
                + messageType.getName()
                + "\" = jackson-cbor }",
            "pekko.remote.artery.transport = tcp",
            "pekko.remote.artery.canonical.hostname = \"" + host + "\"",
            "pekko.remote.artery.canonical.port = " + port,
            "pekko.cluster.seed-nodes = [\"pekko://" + SYSTEM_NAME + "@" + seed + "\"]",
            // A member unreachable this long (killed, or paused) is downed by the majority side.
            "pekko.cluster.downing-provider-class ="
                + " \"org.apache.pekko.cluster.sbr.SplitBrainResolverProvider\"",
            "pekko.cluster.split-brain-resolver.active-strategy = keep-majority",
            "pekko.cluster.split-brain-resolver.stable-after = 3s",
            // Nothing here hands over state at removal: a killed node's restart can join sooner.
            "pekko.cluster.down-removal-margin = 500ms",
            // The nemesis makes the cluster flap on purpose; never down everyone for it.
            "pekko.cluster.split-brain-resolver.down-all-when-unstable = off",
            "pekko.cluster.jmx.enabled = off",
            "pekko.cluster.log-info-verbose = off",
            // Find restarted nodes quickly.
            "pekko.cluster.typed.receptionist.distributed-data.gossip-interval = 500ms",
            "pekko.cluster.typed.receptionist.distributed-data.notify-subscribers-interval = 100ms",
            "pekko.coordinated-shutdown.exit-jvm = " + (exitJvmWhenDowned ? "on" : "off"),
            // Pekko exits with -1 (255) when downed, the code of a crash; say "removed" instead.
            "pekko.coordinated-shutdown.reason-overrides {",
            "  \"org.apache.pekko.actor.CoordinatedShutdown$ClusterDowningReason$\" {",
            "    exit-code = " + ClusterNodeMain.REMOVED_BY_PEERS,
            "  }",
            "}",
            "pekko.coordinated-shutdown.run-by-jvm-shutdown-hook = on",
            "pekko.loggers = [\"org.apache.pekko.event.slf4j.Slf4jLogger\"]",
            "pekko.logging-filter = \"org.apache.pekko.event.slf4j.Slf4jLoggingFilter\"",
            "pekko.loglevel = INFO",
            "pekko.stdout-loglevel = WARNING");
    return ConfigFactory.parseString(hocon).withFallback(ConfigFactory.load());
  }
}
