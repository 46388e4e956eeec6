package io.pdslab.harness.cluster;

import io.pdslab.harness.lin.HistoryRecorder;
import java.util.List;
import java.util.Random;
import java.util.function.BooleanSupplier;

/**
 * The driver's half of a {@link ClusterApp}: the clients, in the driver JVM.
 *
 * @param <I> operation input type of the history
 * @param <O> operation output type of the history
 */
public interface ClusterDriver<I, O> extends AutoCloseable {

  /**
   * Starts client {@code client} (numbered from 0): it runs operations against the servers while
   * {@code running} says so, on its own thread or actor, recording each one in {@code history}
   * (client number {@code client}) just before sending it and just after its answer.
   *
   * @param random the client's own seeded stream, for its workload
   */
  void startClient(
      int client, Random random, HistoryRecorder<I, O> history, BooleanSupplier running);

  /** Problems the clients met that fail the run (e.g. a client that crashed); empty if none. */
  default List<String> failures() {
    return List.of();
  }

  /** Stops the clients and releases what the driver holds; the nodes are still up. */
  @Override
  void close();
}
