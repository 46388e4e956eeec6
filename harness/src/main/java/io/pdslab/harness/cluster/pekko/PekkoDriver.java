package io.pdslab.harness.cluster.pekko;

import io.pdslab.harness.cluster.ClusterDriver;
import io.pdslab.harness.cluster.DriverSpec;
import io.pdslab.harness.lin.HistoryRecorder;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BooleanSupplier;

/** The driver's member of the Pekko cluster: the seed node every server joins, hosting clients. */
final class PekkoDriver<M, I, O> implements ClusterDriver<I, O> {
  private final PekkoClusterApp<M, I, O> app;
  private final List<String> servers;
  private final Member<M> member;
  private final List<String> failures = new ArrayList<>();

  PekkoDriver(PekkoClusterApp<M, I, O> app, DriverSpec spec) {
    this.app = app;
    this.servers = spec.serverIds();
    String seed = spec.driver().host() + ":" + spec.driver().port();
    this.member =
        new Member<>(
            app.messageType(),
            spec.driver().host(),
            spec.driver().port(),
            seed,
            false,
            (id, cause) ->
                failed("client " + id + " stopped" + (cause == null ? "" : ": " + cause)));
  }

  private synchronized void failed(String what) {
    failures.add(what);
  }

  @Override
  public void startClient(
      int client, Random random, HistoryRecorder<I, O> history, BooleanSupplier running) {
    String id = "c" + client;
    PekkoNodeEnv<M> env =
        new PekkoNodeEnv<>(id, servers, member.directory(), new InMemoryStorage(), random);
    member.spawn(id, app.client(env, servers, history, running));
  }

  @Override
  public synchronized List<String> failures() {
    return List.copyOf(failures);
  }

  @Override
  public void close() {
    member.system().terminate();
    member.system().getWhenTerminated().toCompletableFuture().join();
  }
}
