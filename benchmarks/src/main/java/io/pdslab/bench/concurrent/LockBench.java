package io.pdslab.bench.concurrent;

import io.pdslab.labs.concurrent.locks.BackoffLock;
import io.pdslab.labs.concurrent.locks.ClhLock;
import io.pdslab.labs.concurrent.locks.McsLock;
import io.pdslab.labs.concurrent.locks.TasLock;
import io.pdslab.labs.concurrent.locks.TtasLock;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
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
 * A short critical section (increment a shared counter) under each lab lock versus {@link
 * ReentrantLock}. The {@code lock} parameter lives in the reference's own state, so JMH runs the
 * JDK lock once rather than once per lab lock.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class LockBench {
  /** A lab lock and the counter it guards. */
  @State(Scope.Benchmark)
  public static class Reference {
    @Param({"tas", "ttas", "backoff", "clh", "mcs"})
    public String lock;

    Lock impl;
    long counter;

    @Setup
    public void setUp() {
      impl =
          switch (lock) {
            case "tas" -> new TasLock();
            case "ttas" -> new TtasLock();
            case "backoff" -> new BackoffLock();
            case "clh" -> new ClhLock();
            case "mcs" -> new McsLock();
            default -> throw new IllegalArgumentException("unknown lock " + lock);
          };
    }
  }

  /** The JDK lock and the counter it guards. */
  @State(Scope.Benchmark)
  public static class Jdk {
    final Lock impl = new ReentrantLock();
    long counter;
  }

  @Benchmark
  public long reference(Reference s) {
    s.impl.lock();
    try {
      return ++s.counter;
    } finally {
      s.impl.unlock();
    }
  }

  @Benchmark
  public long jdk(Jdk s) {
    s.impl.lock();
    try {
      return ++s.counter;
    } finally {
      s.impl.unlock();
    }
  }
}
