package io.pdslab.bench.sim;

import io.pdslab.harness.sim.Simulation;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Simulator throughput in events (message deliveries) per second, single-threaded: the core with
 * plain Java nodes, and the same protocol through the Pekko adapter. Each invocation is a fresh
 * {@link Simulation} (the trace is kept in memory, so one run must not grow forever) running {@link
 * Echo} for a fixed virtual time; the score is events per second.
 *
 * <p>{@code sizer=json} is the default per-message byte count (Jackson JSON length); {@code
 * sizer=fixed} replaces it with a constant to show its cost.
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar 'io.pdslab.bench.sim' -f 1 -wi 2 -w 1s -i 3 -r 1s
 * }</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class SimulatorBenchmark {
  private static final int WINDOW = 16;
  private static final int CORE_MS = 2_500;
  private static final int CORE_EVENTS = CORE_MS * WINDOW;
  private static final int PEKKO_MS = 625;
  private static final int PEKKO_EVENTS = PEKKO_MS * WINDOW;

  @Param({"json", "fixed"})
  public String sizer;

  @Setup
  public void checkEventCounts() {
    check("core", core(), CORE_EVENTS);
    check("pekko", pekko(), PEKKO_EVENTS);
  }

  /** The simulator core: plain {@code NodeRuntime} echo nodes. */
  @Benchmark
  @OperationsPerInvocation(CORE_EVENTS)
  public Simulation coreEcho() {
    return core();
  }

  /** The same echo as Pekko behaviors, each node in its own {@code BehaviorTestKit}. */
  @Benchmark
  @OperationsPerInvocation(PEKKO_EVENTS)
  public Simulation pekkoEcho() {
    return pekko();
  }

  private Simulation core() {
    Simulation sim = newSimulation();
    sim.<Echo.Message>runtimeNodes(1, Echo::coreServer);
    sim.<Echo.Message>runtimeNode(Echo.CLIENT, ctx -> Echo.coreClient(ctx, WINDOW));
    sim.runFor(Duration.ofMillis(CORE_MS));
    return sim;
  }

  private Simulation pekko() {
    Simulation sim = newSimulation();
    sim.nodes(1, Echo::pekkoServer);
    sim.<Echo.Message>node(Echo.CLIENT, env -> Echo.pekkoClient(env, WINDOW));
    sim.runFor(Duration.ofMillis(PEKKO_MS));
    return sim;
  }

  private Simulation newSimulation() {
    Simulation sim = new Simulation(42);
    if (sizer.equals("fixed")) {
      sim.messageSizer(message -> 16);
    }
    return sim;
  }

  private static void check(String what, Simulation sim, int expected) {
    long delivered = sim.stats().messagesDelivered();
    if (delivered != expected) {
      throw new IllegalStateException(
          what + " echo delivered " + delivered + " messages, expected " + expected);
    }
  }
}
