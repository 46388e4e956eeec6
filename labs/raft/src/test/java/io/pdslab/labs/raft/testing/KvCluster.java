package io.pdslab.labs.raft.testing;

import io.pdslab.harness.lin.CheckResult;
import io.pdslab.harness.lin.HistoryRecorder;
import io.pdslab.harness.lin.LinearizabilityChecker;
import io.pdslab.harness.lin.Operation;
import io.pdslab.harness.lin.model.KvModel;
import io.pdslab.harness.sim.Simulation;
import io.pdslab.labs.raft.Raft;
import io.pdslab.labs.raft.given.Message;
import io.pdslab.labs.raft.given.Persister;
import io.pdslab.labs.raft.given.kv.KvClerk;
import io.pdslab.labs.raft.given.kv.KvWorkload;
import io.pdslab.labs.raft.kv.KvServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The key-value tester: servers running {@link KvServer} (with Raft's log invariants checked after
 * every event), closed-loop {@link KvClerk} clients with {@link KvWorkload}, and a history recorder
 * in virtual time whose history the linearizability checker judges at the end.
 */
public final class KvCluster {
  private final Simulation sim;
  private final List<String> servers;
  private final Random random;
  private final HistoryRecorder<KvModel.Op, String> recorder;
  private long stopAt = Long.MAX_VALUE;

  /**
   * {@code n} servers (snapshotting at {@code maxRaftState} bytes, -1: never), {@code c} clients.
   */
  public KvCluster(Simulation sim, int n, int clients, int maxRaftState) {
    this.sim = sim;
    this.random = sim.nemesisRandom();
    this.recorder = new HistoryRecorder<>(sim::now);
    Raft[] rafts = new Raft[n];
    LogInvariants logInvariants =
        new LogInvariants(
            n, i -> sim.isUp(RaftCluster.id(i)) ? rafts[i] : null, () -> completed() > 0);
    this.servers =
        sim.<Message>nodes(
            n,
            env -> {
              int server = Integer.parseInt(env.self().substring(1));
              return logInvariants.watch(
                  server,
                  KvServer.create(
                      env,
                      maxRaftState,
                      r -> {
                        rafts[server] = r;
                        logInvariants.stepped(server);
                      }));
            });
    logInvariants.register(sim);
    for (int c = 0; c < clients; c++) {
      sim.<Message>node(
          "c" + c,
          env ->
              KvWorkload.clerk(
                  env, servers, random, () -> sim.now() < stopAt, recorder, Duration.ofMillis(25)));
    }
  }

  public List<String> servers() {
    return servers;
  }

  public Random random() {
    return random;
  }

  /** Clients start no new operation after {@code ms} more of virtual time. */
  public void stopClientsAfter(long ms) {
    stopAt = sim.now() + ms;
  }

  /** Operations that completed so far. */
  public long completed() {
    return recorder.history().stream().filter(o -> o.returnTime() != Operation.PENDING).count();
  }

  /** Fails the run unless the history so far is linearizable. */
  public void checkLinearizable() {
    List<Operation<KvModel.Op, String>> history = recorder.history();
    CheckResult<KvModel.Op, String> result =
        LinearizabilityChecker.checkWithinSteps(
            new KvModel(), history, LinearizabilityChecker.DEFAULT_STEP_BUDGET);
    switch (result.verdict()) {
      case VIOLATION -> throw sim.fail("linearizability: " + result.toText());
      case UNKNOWN -> throw sim.fail("linearizability check inconclusive: " + result.toText());
      case LINEARIZABLE -> {}
    }
  }

  /** Size of a server's saved Raft state (snapshot excluded). */
  public int raftStateSize(String server) {
    return new Persister(sim.storage(server)).raftStateSize();
  }

  /** The servers split in two random groups (each of at least one server). */
  public List<List<String>> randomHalves() {
    List<String> shuffled = new ArrayList<>(servers);
    java.util.Collections.shuffle(shuffled, random);
    int cut = 1 + random.nextInt(servers.size() - 1);
    return List.of(shuffled.subList(0, cut), shuffled.subList(cut, shuffled.size()));
  }
}
