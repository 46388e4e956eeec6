package io.pdslab.labs.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pdslab.harness.junit.SimulationTest;
import io.pdslab.harness.sim.Latency;
import io.pdslab.harness.sim.Simulation;
import io.pdslab.labs.rpc.given.ClientConfig;
import io.pdslab.labs.rpc.testing.LeakCheck;
import io.pdslab.labs.rpc.testing.RpcSim;
import io.pdslab.labs.rpc.testing.Workload;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Part B: clients and server as Netty pipelines on the simulated network, which drops, duplicates
 * and reorders frames by seed. No call may execute twice, the clients' history must be
 * linearizable, and the reply cache must stay bounded.
 */
@ExtendWith(LeakCheck.class)
class AtMostOnceTest {
  static final ClientConfig CONFIG = new ClientConfig(3000, 10, 200, 1);

  /** A network that loses, duplicates and reorders. */
  static void chaos(Simulation sim) {
    sim.network()
        .latency(Latency.uniform(1, 10))
        .dropRate(0.2)
        .duplicateRate(0.3)
        .longReordering(0.2, 20, 300);
  }

  @SimulationTest
  void linearizableUnderDropDupReorder(Simulation sim) {
    runAndCheck(new RpcSim(sim, 3, CONFIG), 60, 1);
  }

  @SimulationTest
  void manyCallsInFlight(Simulation sim) {
    runAndCheck(new RpcSim(sim, 3, CONFIG.withWindow(4)), 40, 4);
  }

  @SimulationTest
  void replyCacheStaysBounded(Simulation sim) {
    checkBoundedCache(new RpcSim(sim, 3, CONFIG));
  }

  static void checkBoundedCache(RpcSim rpc) {
    Simulation sim = rpc.sim;
    // One call in flight per client: once a request acknowledges every earlier call, the
    // server needs at most one reply per client.
    sim.invariant(
        "bounded reply cache",
        () ->
            rpc.server.cachedReplies() > rpc.clients.size()
                ? rpc.server.cachedReplies() + " cached replies for 3 clients with one call each"
                : null);
    chaos(sim);
    Workload w = new Workload(sim::now, 200);
    rpc.startWorkload(w, 1);
    sim.runUntil("every client finished", w::finished, Duration.ofMinutes(10));
    assertTrue(w.succeeded() > 500, w.outcomes());
    // The bound above is only honest if the count is: no later request acknowledged a client's
    // last call, so its reply must still be there for a retry (and cachedReplies() must say so).
    assertTrue(
        rpc.server.cachedReplies() >= 1,
        () ->
            rpc.server.cachedReplies()
                + " cached replies after "
                + rpc.store.executions()
                + " executions: the last call's reply, never acknowledged, must be kept");
    rpc.close();
  }

  static Workload runAndCheck(RpcSim rpc, int opsPerClient, int inFlight) {
    Simulation sim = rpc.sim;
    chaos(sim);
    Workload w = new Workload(sim::now, opsPerClient);
    rpc.startWorkload(w, inFlight);
    sim.runUntil("every client finished", w::finished, Duration.ofMinutes(10));
    assertEquals(List.of(), rpc.store.executedTwice(), "calls executed more than once");
    var result = w.check();
    assertTrue(result.isLinearizable(), () -> w.outcomes() + "\n" + result.toText());
    assertTrue(w.succeeded() > opsPerClient * rpc.clients.size() / 2, w.outcomes());
    rpc.close();
    return w;
  }
}
