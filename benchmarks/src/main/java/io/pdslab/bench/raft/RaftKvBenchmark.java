package io.pdslab.bench.raft;

import io.pdslab.harness.lin.HistoryRecorder;
import io.pdslab.harness.lin.model.KvModel;
import io.pdslab.harness.sim.Simulation;
import io.pdslab.labs.raft.given.Message;
import io.pdslab.labs.raft.given.kv.KvWorkload;
import io.pdslab.labs.raft.kv.KvServer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The Raft lab's key-value service in the simulator: five reference {@code KvServer}s (with
 * snapshots) on a reliable network, closed-loop clients without think time. Each invocation runs a
 * fresh simulation for {@value #VIRTUAL_MS} ms of virtual time.
 *
 * <p>How to read the scores: the primary score is simulations per wall second, so the
 * simulated/wall time ratio is {@code score * VIRTUAL_MS / 1000}; {@code committed} is committed
 * client operations per wall second, the simulator's speed on real protocol work. Committed
 * operations per <em>virtual</em> second, the protocol's own throughput, is {@code committed /
 * score / (VIRTUAL_MS / 1000)}. Compare with {@code ./pdslab cluster raft}, the same code on real
 * JVMs.
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar RaftKvBenchmark -f 1 -wi 2 -i 5
 * }</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
public class RaftKvBenchmark {
  static final int VIRTUAL_MS = 5_000;

  /**
   * Servers snapshot past this much Raft state, as in cluster mode: without compaction every save
   * re-encodes the whole log, and a run slows down quadratically.
   */
  static final int MAX_RAFT_STATE = 16 * 1024;

  @Param({"3", "10"})
  public int clients;

  /** Committed operations, reported per wall second. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Committed {
    public long committed;
  }

  /** One simulation of the service under load. */
  @Benchmark
  public long kv(Committed counts) {
    Simulation sim = new Simulation(42);
    HistoryRecorder<KvModel.Op, String> history = new HistoryRecorder<>(sim::now);
    List<String> servers =
        sim.<Message>nodes(5, env -> KvServer.create(env, MAX_RAFT_STATE, raft -> {}));
    for (int c = 0; c < clients; c++) {
      sim.<Message>node(
          "c" + c,
          env ->
              KvWorkload.clerk(
                  env, servers, env.random(), () -> true, history, Duration.ofMillis(1)));
    }
    sim.runFor(Duration.ofMillis(VIRTUAL_MS));
    long done = history.history().stream().filter(o -> !o.isPending()).count();
    if (done == 0) {
      throw new IllegalStateException("no operation committed: the reference made no progress");
    }
    counts.committed += done;
    return done;
  }
}
