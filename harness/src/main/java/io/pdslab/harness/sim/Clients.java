package io.pdslab.harness.sim;

import io.pdslab.harness.lin.HistoryRecorder;
import io.pdslab.harness.lin.Operation;
import io.pdslab.harness.trace.TraceEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Simulated clients {@code c0, c1, ...} running a workload against the servers and recording the
 * history (for the linearizability checker) and {@code invoke}/{@code return} trace events.
 *
 * <pre>{@code
 * Clients<KvModel.Op, String, Msg> clients =
 *     Clients.closedLoop(sim, 3, protocol, random -> KvModel.Op.get("k" + random.nextInt(5)));
 * sim.runFor(Duration.ofSeconds(10));
 * LinearizabilityChecker.check(model, clients.history(), timeout);
 * }</pre>
 *
 * <p>Closed loop: each client invokes its next operation when the previous one returned. Open loop:
 * each client invokes one operation every interval, whether earlier ones returned or not.
 *
 * @param <I> operation input
 * @param <O> operation output
 * @param <M> the servers' message type
 */
public final class Clients<I, O, M> {
  private static final String INVOKE_TIMER = "invoke";

  private final Simulation sim;
  private final ClientProtocol<I, O, M> protocol;
  private final Function<Random, I> inputs;
  private final Random random;
  private final HistoryRecorder<I, O> recorder;
  private final long openLoopIntervalMs;
  private final List<String> ids = new ArrayList<>();
  private long retryAfterMs = 100;
  private long maxOperationsPerClient = Long.MAX_VALUE;

  private Clients(
      Simulation sim,
      int count,
      ClientProtocol<I, O, M> protocol,
      Function<Random, I> inputs,
      long openLoopIntervalMs) {
    this.sim = sim;
    this.protocol = protocol;
    this.inputs = inputs;
    this.random = new Random(Seeds.derive(sim.seed(), "clients"));
    this.recorder = new HistoryRecorder<>(sim::now);
    this.openLoopIntervalMs = openLoopIntervalMs;
    int first = (int) sim.nodeIds().stream().filter(id -> id.startsWith("c")).count();
    for (int i = 0; i < count; i++) {
      int index = first + i;
      String id = "c" + index;
      ids.add(id);
      sim.runtimeNode(id, (NodeContext<M> ctx) -> new Client(index, ctx));
    }
  }

  /** {@code count} clients, each invoking its next operation when the previous one returned. */
  public static <I, O, M> Clients<I, O, M> closedLoop(
      Simulation sim, int count, ClientProtocol<I, O, M> protocol, Function<Random, I> inputs) {
    return new Clients<>(sim, count, protocol, inputs, 0);
  }

  /** {@code count} clients, each invoking an operation every {@code interval}. */
  public static <I, O, M> Clients<I, O, M> openLoop(
      Simulation sim,
      int count,
      ClientProtocol<I, O, M> protocol,
      Function<Random, I> inputs,
      Duration interval) {
    if (interval.toMillis() <= 0) {
      throw new IllegalArgumentException("open-loop interval must be at least 1 ms");
    }
    return new Clients<>(sim, count, protocol, inputs, interval.toMillis());
  }

  /** Resends an unanswered request to the next server after this long. Default 100 ms. */
  public Clients<I, O, M> retryAfter(Duration timeout) {
    this.retryAfterMs = Math.max(1, timeout.toMillis());
    return this;
  }

  /** Each client invokes at most this many operations. Default: unbounded. */
  public Clients<I, O, M> maxOperationsPerClient(long max) {
    this.maxOperationsPerClient = max;
    return this;
  }

  /** The client ids. */
  public List<String> ids() {
    return List.copyOf(ids);
  }

  /** The recorded history; operations that never returned are pending. */
  public List<Operation<I, O>> history() {
    return recorder.history();
  }

  /** Operations that returned so far. */
  public long completed() {
    return history().stream().filter(op -> op.returnTime() != Operation.PENDING).count();
  }

  private final class Client implements NodeRuntime {
    private final int index;
    private final NodeContext<M> ctx;
    private final TreeMap<Long, I> pending = new TreeMap<>();
    private long invoked;
    private int target;

    Client(int index, NodeContext<M> ctx) {
      this.index = index;
      this.ctx = ctx;
      this.target = index;
    }

    @Override
    public void start() {
      if (openLoopIntervalMs > 0) {
        ctx.startTimer(INVOKE_TIMER, null, openLoopIntervalMs, openLoopIntervalMs);
      } else {
        invokeNext();
      }
    }

    private void invokeNext() {
      if (invoked >= maxOperationsPerClient) {
        return;
      }
      invoked++;
      I input = inputs.apply(random);
      long op = recorder.invoke(index, input);
      pending.put(op, input);
      sim.record(
          TraceEvent.invoke(
              ctx.self(),
              op,
              protocol.function(input),
              protocol.key(input),
              protocol.value(input)));
      sendRequest(op);
    }

    private void sendRequest(long op) {
      List<String> servers = sim.servers();
      String server = servers.get(Math.floorMod(target, servers.size()));
      ctx.send(server, protocol.request(ctx.self(), op, pending.get(op)));
      ctx.startTimer(op, null, retryAfterMs, 0);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void deliver(String from, Object message) {
      for (Long op : List.copyOf(pending.keySet())) {
        O output = protocol.result(op, (M) message);
        if (output != null) {
          I input = pending.remove(op);
          ctx.cancelTimer(op);
          recorder.complete(op, output);
          sim.stats().operationCompleted();
          sim.record(
              TraceEvent.ret(ctx.self(), op, protocol.function(input), String.valueOf(output)));
          if (openLoopIntervalMs == 0) {
            invokeNext();
          }
          return;
        }
      }
    }

    @Override
    public void fireTimer(Object key, Object message) {
      if (INVOKE_TIMER.equals(key)) {
        invokeNext();
      } else if (pending.containsKey((Long) key)) {
        target++;
        sendRequest((Long) key);
      }
    }
  }
}
