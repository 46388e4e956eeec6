package io.pdslab.bench.concurrent;

import io.pdslab.labs.concurrent.queue.MichaelScottQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Enqueue/dequeue pairs on the Michael–Scott queue versus {@link ConcurrentLinkedQueue}. */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class QueueBench {
  final MichaelScottQueue<Integer> msq = new MichaelScottQueue<>();
  final ConcurrentLinkedQueue<Integer> clq = new ConcurrentLinkedQueue<>();

  @Benchmark
  public Integer reference() {
    msq.enq(1);
    return msq.deq();
  }

  @Benchmark
  public Integer jdk() {
    clq.offer(1);
    return clq.poll();
  }
}
