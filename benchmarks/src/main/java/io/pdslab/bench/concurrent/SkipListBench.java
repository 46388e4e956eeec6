package io.pdslab.bench.concurrent;

import io.pdslab.labs.concurrent.given.ConcurrentSet;
import io.pdslab.labs.concurrent.skiplist.LazySkipList;
import io.pdslab.labs.concurrent.skiplist.LockFreeSkipList;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The lab's skip lists against {@link ConcurrentSkipListSet} on the read-mostly {@link
 * SetWorkload}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SkipListBench {

  /** A lab skip list, prefilled; the parameter lives here so that the JDK set runs once. */
  @State(Scope.Benchmark)
  public static class Reference {
    @Param({"lazy", "lockfree"})
    public String set;

    ConcurrentSet<Integer> impl;

    @Setup
    public void setUp() {
      impl =
          SetWorkload.prefilled(
              switch (set) {
                case "lazy" -> new LazySkipList<>();
                case "lockfree" -> new LockFreeSkipList<>();
                default -> throw new IllegalArgumentException("unknown skip list " + set);
              });
    }
  }

  /** The JDK's set, prefilled. */
  @State(Scope.Benchmark)
  public static class Jdk {
    ConcurrentSet<Integer> impl;

    @Setup
    public void setUp() {
      impl = SetWorkload.prefilled(SetWorkload.of(new ConcurrentSkipListSet<>()));
    }
  }

  @Benchmark
  public boolean reference(Reference s, Keys keys) {
    return SetWorkload.step(s.impl, keys);
  }

  @Benchmark
  public boolean jdk(Jdk s, Keys keys) {
    return SetWorkload.step(s.impl, keys);
  }
}
