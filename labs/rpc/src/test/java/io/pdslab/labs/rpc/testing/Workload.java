package io.pdslab.labs.rpc.testing;

import io.pdslab.harness.lin.CheckResult;
import io.pdslab.harness.lin.HistoryRecorder;
import io.pdslab.harness.lin.LinearizabilityChecker;
import io.pdslab.harness.lin.model.KvModel;
import io.pdslab.labs.rpc.RpcClient;
import io.pdslab.labs.rpc.given.Op;
import io.pdslab.labs.rpc.given.RpcException;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * Closed-loop clients: each keeps {@code inFlight} operations going (random gets, puts and appends
 * of unique values on four keys) until it has issued its share, recording the history for the
 * checker. A failed call stays pending in the history (it may or may not have executed).
 */
public final class Workload {
  private static final String[] KEYS = {"a", "b", "c", "d"};
  private final HistoryRecorder<KvModel.Op, String> history;
  private final AtomicInteger done = new AtomicInteger();
  private final AtomicInteger succeeded = new AtomicInteger();
  private final AtomicInteger definite = new AtomicInteger();
  private final AtomicInteger indefinite = new AtomicInteger();
  private final int opsPerClient;
  private int clients;

  /** Operations recorded with {@code clock} (virtual or real time). */
  public Workload(LongSupplier clock, int opsPerClient) {
    this.history = new HistoryRecorder<>(clock);
    this.opsPerClient = opsPerClient;
  }

  /**
   * Starts client number {@code index} on {@code rpc}, {@code inFlight} calls at a time. Call it on
   * the client's event loop (in simulation: inside the endpoint's execute).
   */
  public void start(int index, RpcClient rpc, Random random, int inFlight) {
    clients++;
    AtomicInteger issued = new AtomicInteger();
    for (int i = 0; i < inFlight; i++) {
      next(index, rpc, random, issued);
    }
  }

  private void next(int index, RpcClient rpc, Random random, AtomicInteger issued) {
    int n = issued.incrementAndGet();
    if (n > opsPerClient) {
      return;
    }
    String key = KEYS[random.nextInt(KEYS.length)];
    int dice = random.nextInt(10);
    String unique = "c" + index + "." + n + " ";
    Op op = dice < 3 ? Op.get(key) : dice < 5 ? Op.put(key, unique) : Op.append(key, unique);
    long handle = history.invoke(index, toModel(op));
    CompletableFuture<String> f = rpc.call(op);
    f.whenComplete(
        (value, error) -> {
          if (error == null) {
            history.complete(handle, op.kind() == Op.Kind.GET ? value : "");
            succeeded.incrementAndGet();
          } else if (error instanceof RpcException e
              && e.certainty() == RpcException.Certainty.DEFINITE) {
            definite.incrementAndGet();
          } else {
            indefinite.incrementAndGet();
          }
          done.incrementAndGet();
          next(index, rpc, random, issued);
        });
  }

  /** Whether every client finished its share. */
  public boolean finished() {
    return done.get() == clients * opsPerClient;
  }

  /** Calls that returned a result. */
  public int succeeded() {
    return succeeded.get();
  }

  /** A summary of outcomes, for messages. */
  public String outcomes() {
    return done.get()
        + " done: "
        + succeeded.get()
        + " ok, "
        + definite.get()
        + " definite and "
        + indefinite.get()
        + " indefinite failures";
  }

  /** The history checked against a key-value map. */
  public CheckResult<KvModel.Op, String> check() {
    return LinearizabilityChecker.checkWithinSteps(
        new KvModel(), history.history(), LinearizabilityChecker.DEFAULT_STEP_BUDGET);
  }

  private static KvModel.Op toModel(Op op) {
    return switch (op.kind()) {
      case GET -> KvModel.Op.get(op.key());
      case PUT -> KvModel.Op.put(op.key(), op.value());
      case APPEND -> KvModel.Op.append(op.key(), op.value());
    };
  }
}
