package io.pdslab.labs.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

class CounterTest {
  @Test
  void incrementsOnce() {
    Counter c = new Counter();
    c.increment();
    assertEquals(1, c.get());
  }

  @RepeatedTest(value = 3, name = "seed={currentRepetition}")
  void incrementsMany(RepetitionInfo seed) {
    Counter c = new Counter();
    for (int i = 0; i < seed.getCurrentRepetition() * 10; i++) {
      c.increment();
    }
    assertEquals(seed.getCurrentRepetition() * 10, c.get());
  }
}
