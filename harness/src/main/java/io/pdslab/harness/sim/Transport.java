package io.pdslab.harness.sim;

import io.pdslab.harness.trace.TraceEvent;
import java.util.function.ToLongFunction;

/**
 * Carries messages between nodes: counts and traces each one, asks the {@link Network} for its fate
 * (loss, delay, duplication) and the {@link Partitions} whether it may pass, and hands it to the
 * destination node when it arrives.
 */
final class Transport {
  private final Kernel kernel;
  private final Network network;
  private final Partitions partitions;
  private ToLongFunction<Object> messageSizer = defaultSizer();
  private long nextMessageId;

  private record Envelope(
      long id, String from, SimNode to, Object message, String type, long size) {}

  Transport(Kernel kernel, Network network, Partitions partitions) {
    this.kernel = kernel;
    this.network = network;
    this.partitions = partitions;
  }

  Network network() {
    return network;
  }

  Partitions partitions() {
    return partitions;
  }

  void messageSizer(ToLongFunction<Object> sizer) {
    this.messageSizer = sizer;
  }

  /** Sends {@code message} from {@code from} (a node or an outside sender) to {@code to}. */
  void send(String from, SimNode to, Object message) {
    String type = typeOf(message);
    long size = messageSizer.applyAsLong(message);
    Envelope e = new Envelope(nextMessageId++, from, to, message, type, size);
    kernel.stats().sent(type, size);
    kernel.trace().record(MessageBodies.send(from, to.id(), e.id, type, message));
    // Decided before the partition check: the network draws the same numbers either way.
    Network.Fate fate = network.decide(from, to.id());
    if (!partitions.connected(from, to.id())) {
      drop(e, "partition");
      return;
    }
    if (fate.lost()) {
      drop(e, "loss");
      return;
    }
    EventLoop loop = kernel.loop();
    loop.after(fate.delayMs(), () -> arrive(e));
    if (fate.duplicated()) {
      kernel.stats().duplicated(type);
      kernel.trace().record(TraceEvent.duplicate(from, to.id(), e.id, type));
      loop.after(fate.duplicateDelayMs(), () -> arrive(e));
    }
  }

  private void arrive(Envelope e) {
    String to = e.to.id();
    if (!partitions.connected(e.from, to)) {
      drop(e, "partition");
      return;
    }
    String refusal = e.to.refusal();
    if (refusal != null) {
      drop(e, refusal);
      return;
    }
    kernel.stats().delivered(e.type, e.size);
    kernel.trace().record(TraceEvent.deliver(e.from, to, e.id, e.type));
    kernel.loop().countStep(e.type);
    e.to.deliver(e.from, e.message, e.type);
  }

  private void drop(Envelope e, String reason) {
    kernel.stats().dropped(e.type);
    kernel.trace().record(TraceEvent.drop(e.from, e.to.id(), e.id, e.type, reason));
  }

  /** A frame's own length, else the length of the message's Jackson JSON. */
  private static ToLongFunction<Object> defaultSizer() {
    JsonSizer json = new JsonSizer();
    return message -> message instanceof Frame frame ? frame.size() : json.applyAsLong(message);
  }

  /**
   * A message's type in the trace and the counters: a frame's label, else its simple class name.
   */
  static String typeOf(Object message) {
    if (message instanceof Frame frame) {
      return frame.type();
    }
    String simple = message.getClass().getSimpleName();
    return simple.isEmpty() ? message.getClass().getName() : simple;
  }
}
