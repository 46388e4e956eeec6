package io.pdslab.harness.pekko;

import io.pdslab.harness.node.NodeFactory;
import io.pdslab.harness.sim.NodeContext;
import io.pdslab.harness.sim.NodeRuntime;
import io.pdslab.harness.sim.NodeRuntimeFactory;
import io.pdslab.harness.sim.SimulationFailure;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.CapturedLogEvent;
import org.apache.pekko.actor.testkit.typed.Effect;
import org.apache.pekko.actor.testkit.typed.javadsl.BehaviorTestKit;
import scala.concurrent.duration.FiniteDuration;

/**
 * Runs a node's Pekko {@code Behavior} in its own {@link BehaviorTestKit}, one message at a time on
 * the simulator's thread. Timers started with {@code Behaviors.withTimers} are taken over by the
 * simulator and fire at virtual time. Anything the simulator cannot control (child actors, watches,
 * {@code ctx.scheduleOnce}, {@code ctx.ask}, message adapters, receive timeouts, messages to {@code
 * ctx.getSelf()} or {@code pipeToSelf}) fails the run naming the cause.
 *
 * @param <M> the node's message type
 */
public final class PekkoNodeRuntime<M> implements NodeRuntime {
  private final NodeContext<M> ctx;
  private final NodeFactory<M> factory;
  private final Map<Object, Effect.TimerScheduled<M>> latestTimers = new HashMap<>();
  private BehaviorTestKit<M> kit;

  private PekkoNodeRuntime(NodeContext<M> ctx, NodeFactory<M> factory) {
    this.ctx = ctx;
    this.factory = factory;
  }

  /** Adapts a lab's node factory to the simulator. */
  public static <M> NodeRuntimeFactory<M> factory(NodeFactory<M> factory) {
    return ctx -> new PekkoNodeRuntime<>(ctx, factory);
  }

  @Override
  public void start() {
    step(() -> kit = BehaviorTestKit.create(factory.create(ctx), ctx.self()));
  }

  @Override
  @SuppressWarnings("unchecked")
  public void deliver(String from, Object message) {
    step(() -> kit.run((M) message));
  }

  @Override
  public void fireTimer(Object key, Object message) {
    Effect.TimerScheduled<M> latest = latestTimers.get(key);
    if (latest == null) {
      return;
    }
    if (((scala.Product) latest.mode()).productPrefix().equals("SingleMode")) {
      latestTimers.remove(key);
    }
    // Only the latest effect of a key is sent: the testkit resolves send() by key.
    step(
        () -> {
          latest.send().apply();
          kit.runOne();
        });
  }

  /** Runs one step of the behavior, then checks and takes over its effects. */
  private void step(Runnable step) {
    try {
      step.run();
    } catch (UnsupportedOperationException e) {
      throw new SimulationFailure(
          "used a Pekko feature the simulator does not provide ("
              + e.getMessage()
              + "): use Behaviors.withTimers for timers and env.send for messages",
          e);
    }
    afterStep();
  }

  private void afterStep() {
    // Most steps have no effects; getAllEffects() would still copy the empty queue.
    if (kit.hasEffects()) {
      takeOverEffects();
    }
    forwardLog();
    if (kit.selfInbox().hasMessages()) {
      throw new SimulationFailure(
          "sent a message to ctx.getSelf() (or used pipeToSelf), which bypasses the simulated"
              + " network: use env.send(env.self(), m) or a timer; message: "
              + kit.selfInbox().receiveMessage());
    }
    if (!kit.isAlive()) {
      throw new SimulationFailure(
          "stopped itself (Behaviors.stopped()): a node must keep running; crashes are"
              + " injected by the simulator");
    }
  }

  @SuppressWarnings("unchecked")
  private void takeOverEffects() {
    for (Effect effect : kit.getAllEffects()) {
      if (effect instanceof Effect.TimerScheduled<?> scheduled) {
        timerScheduled((Effect.TimerScheduled<M>) scheduled);
      } else if (effect instanceof Effect.TimerCancelled cancelled) {
        latestTimers.remove(cancelled.key());
        ctx.cancelTimer(cancelled.key());
      } else {
        String forbidden = forbidden(effect);
        if (forbidden != null) {
          throw new SimulationFailure(forbidden + " (" + effect + ")");
        }
      }
    }
  }

  private void timerScheduled(Effect.TimerScheduled<M> scheduled) {
    latestTimers.put(scheduled.key(), scheduled);
    long interval = scheduled.delay().toMillis();
    // Timer modes are Scala objects and case classes nested in a companion: match by name.
    scala.Product mode = (scala.Product) scheduled.mode();
    switch (mode.productPrefix()) {
      case "SingleMode" -> ctx.startTimer(scheduled.key(), scheduled.msg(), interval, 0);
      case "FixedRateMode", "FixedDelayMode" ->
          ctx.startTimer(scheduled.key(), scheduled.msg(), interval, interval);
      case "FixedRateModeWithInitialDelay", "FixedDelayModeWithInitialDelay" -> {
        long initial = ((FiniteDuration) mode.productElement(0)).toMillis();
        ctx.startTimer(scheduled.key(), scheduled.msg(), initial, interval);
      }
      default -> throw new SimulationFailure("unknown Pekko timer mode " + mode);
    }
  }

  private static String forbidden(Effect effect) {
    if (effect instanceof Effect.Spawned<?>
        || effect instanceof Effect.SpawnedAnonymous<?>
        || effect instanceof Effect.SpawnedAnonymousAdapter<?>
        || effect instanceof Effect.SpawnedAdapter<?>
        || effect instanceof Effect.Stopped) {
      return "spawned or stopped a child actor: the simulator cannot schedule child actors;"
          + " keep the node's logic in one behavior";
    }
    if (effect instanceof Effect.Watched<?>
        || effect instanceof Effect.WatchedWith<?, ?>
        || effect instanceof Effect.Unwatched<?>) {
      return "watched an actor: failure detection must use messages and timers";
    }
    if (effect instanceof Effect.Scheduled<?>) {
      return "used ctx.scheduleOnce or the system scheduler: use Behaviors.withTimers";
    }
    if (effect instanceof Effect.AskInitiated<?, ?, ?>) {
      return "used ctx.ask: send a request with env.send and match the reply by id";
    }
    if (effect instanceof Effect.MessageAdapter<?, ?>) {
      return "created a message adapter: nodes exchange their own message type through env.send";
    }
    if (effect instanceof Effect.ReceiveTimeoutSet<?>) {
      return "set a receive timeout: use Behaviors.withTimers";
    }
    return null;
  }

  private void forwardLog() {
    List<CapturedLogEvent> entries = kit.getAllLogEntries();
    if (entries.isEmpty()) {
      return;
    }
    for (CapturedLogEvent event : entries) {
      // Concatenated, not a format string: the same text without parsing a format per line.
      ctx.log(event.level() + " " + event.message());
    }
    kit.clearLog();
  }
}
