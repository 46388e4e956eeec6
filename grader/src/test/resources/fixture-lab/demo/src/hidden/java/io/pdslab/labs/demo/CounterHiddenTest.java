package io.pdslab.labs.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CounterHiddenTest {
  @Test
  void resets() throws Exception {
    Counter c = new Counter();
    c.increment();
    c.reset();
    assertEquals(0, c.get());
  }
}
