package io.pdslab.bench.concurrent;

import io.pdslab.labs.concurrent.given.ConcurrentSet;
import io.pdslab.labs.concurrent.hashset.StripedHashSet;
import io.pdslab.labs.concurrent.skiplist.LazySkipList;
import io.pdslab.labs.concurrent.skiplist.LockFreeSkipList;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
 * A read-mostly set workload (80% contains, 10% add, 10% remove over {@value #KEYS} keys, half of
 * them present at the start) on the lab's sets versus the JDK's. Hash sets are compared with {@code
 * ConcurrentHashMap.newKeySet()}, skip lists with {@link ConcurrentSkipListSet}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SetBench {
  static final int KEYS = 1 << 14;

  /** A lab set, prefilled. */
  @State(Scope.Benchmark)
  public static class Reference {
    @Param({"striped-hash", "lazy-skiplist", "lockfree-skiplist"})
    public String set;

    ConcurrentSet<Integer> impl;

    @Setup
    public void setUp() {
      impl =
          switch (set) {
            case "striped-hash" -> new StripedHashSet<>();
            case "lazy-skiplist" -> new LazySkipList<>();
            case "lockfree-skiplist" -> new LockFreeSkipList<>();
            default -> throw new IllegalArgumentException("unknown set " + set);
          };
      for (int k = 0; k < KEYS; k += 2) {
        impl.add(k);
      }
    }
  }

  /** A JDK set, prefilled. */
  @State(Scope.Benchmark)
  public static class Jdk {
    @Param({"hash", "skiplist"})
    public String set;

    Set<Integer> impl;

    @Setup
    public void setUp() {
      impl =
          switch (set) {
            case "hash" -> ConcurrentHashMap.newKeySet();
            case "skiplist" -> new ConcurrentSkipListSet<>();
            default -> throw new IllegalArgumentException("unknown set " + set);
          };
      for (int k = 0; k < KEYS; k += 2) {
        impl.add(k);
      }
    }
  }

  @Benchmark
  public boolean reference(Reference s, Keys keys) {
    int key = keys.next(KEYS);
    int op = keys.next(10);
    return op == 0 ? s.impl.add(key) : op == 1 ? s.impl.remove(key) : s.impl.contains(key);
  }

  @Benchmark
  public boolean jdk(Jdk s, Keys keys) {
    int key = keys.next(KEYS);
    int op = keys.next(10);
    return op == 0 ? s.impl.add(key) : op == 1 ? s.impl.remove(key) : s.impl.contains(key);
  }
}
