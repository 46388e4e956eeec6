package io.pdslab.labs.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CounterTest {
  @Test
  void incrementsOnce() {
    Counter c = new Counter();
    c.increment();
    assertEquals(1, c.get());
  }

  /** One invocation per seed, honouring pdslab.seeds as the harness's simulation tests do. */
  static LongStream seeds() {
    return LongStream.rangeClosed(1, Long.getLong("pdslab.seeds", 3));
  }

  @ParameterizedTest(name = "seed={0}")
  @MethodSource("seeds")
  void incrementsMany(long seed) {
    Counter c = new Counter();
    for (int i = 0; i < seed * 10; i++) {
      c.increment();
    }
    assertEquals(seed * 10, c.get());
  }
}
