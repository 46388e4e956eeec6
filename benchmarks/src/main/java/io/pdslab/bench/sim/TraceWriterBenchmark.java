package io.pdslab.bench.sim;

import io.pdslab.harness.trace.TraceEvent;
import io.pdslab.harness.trace.TraceWriter;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of recording one trace event, which the simulator pays for every send and delivery, and
 * of turning it into its JSON line, which only runs that write or read their trace pay. Each
 * invocation appends the events of {@code PAIRS} delivered messages to a fresh writer; the score is
 * events per second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class TraceWriterBenchmark {
  private static final int PAIRS = 1_000;

  /** A send (with its message body) and its deliver, as the simulator records them. */
  @Benchmark
  @OperationsPerInvocation(2 * PAIRS)
  public TraceWriter sendAndDeliver() {
    return record();
  }

  /** The same events, then their JSON lines, as a run that writes its trace. */
  @Benchmark
  @OperationsPerInvocation(2 * PAIRS)
  public List<String> sendAndDeliverAsJson() {
    return record().lines();
  }

  private static TraceWriter record() {
    TraceWriter trace = new TraceWriter();
    for (int i = 0; i < PAIRS; i++) {
      trace.append(i, TraceEvent.send("c0", "n0", i, "Ping", "Ping[from=c0, n=" + i + "]"));
      trace.append(i + 1, TraceEvent.deliver("c0", "n0", i, "Ping"));
    }
    return trace;
  }
}
