package io.pdslab.bench.concurrent;

import io.pdslab.labs.concurrent.stack.TreiberStack;
import java.util.concurrent.ConcurrentLinkedDeque;
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

/** Push/pop pairs on the Treiber stack versus {@link ConcurrentLinkedDeque} used as a stack. */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class StackBench {
  final TreiberStack<Integer> treiber = new TreiberStack<>();
  final ConcurrentLinkedDeque<Integer> deque = new ConcurrentLinkedDeque<>();

  @Benchmark
  public Integer reference() {
    treiber.push(1);
    return treiber.pop();
  }

  @Benchmark
  public Integer jdk() {
    deque.push(1);
    return deque.poll();
  }
}
