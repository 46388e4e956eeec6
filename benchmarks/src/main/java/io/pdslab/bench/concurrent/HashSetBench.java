package io.pdslab.bench.concurrent;

import io.pdslab.labs.concurrent.given.ConcurrentSet;
import io.pdslab.labs.concurrent.hashset.StripedHashSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The lab's striped hash set against {@code ConcurrentHashMap.newKeySet()} on the read-mostly
 * {@link SetWorkload}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class HashSetBench {

  /** The lab's set, prefilled. */
  @State(Scope.Benchmark)
  public static class Reference {
    ConcurrentSet<Integer> impl;

    @Setup
    public void setUp() {
      impl = SetWorkload.prefilled(new StripedHashSet<>());
    }
  }

  /** The JDK's set, prefilled. */
  @State(Scope.Benchmark)
  public static class Jdk {
    ConcurrentSet<Integer> impl;

    @Setup
    public void setUp() {
      impl = SetWorkload.prefilled(SetWorkload.of(ConcurrentHashMap.newKeySet()));
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
