package io.pdslab.labs.concurrent.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.pdslab.labs.concurrent.Churn;
import io.pdslab.labs.concurrent.LockFreedom;
import org.junit.jupiter.api.Test;

/** Targeted tests of {@link TreiberStack}: order, and no lost or duplicated items. */
class TreiberStackTest {
  @Test
  void sequentialLifo() {
    TreiberStack<Integer> s = new TreiberStack<>();
    assertNull(s.pop(), "empty stack");
    for (int i = 0; i < 100; i++) {
      s.push(i);
    }
    for (int i = 99; i >= 0; i--) {
      assertEquals(i, s.pop());
    }
    assertNull(s.pop(), "drained stack");
  }

  @Test
  void producersAndConsumersLoseNothing() {
    TreiberStack<Integer> s = new TreiberStack<>();
    Churn.producersConsumers("treiber", 2, 2, 50_000, s::push, s::pop, false);
  }

  /** Lock-free means no lock: push and pop must not wait for a thread holding the monitor. */
  @Test
  void takesNoLock() throws InterruptedException {
    TreiberStack<Integer> s = new TreiberStack<>();
    LockFreedom.assertIgnoresMonitor("push", s, () -> s.push(1));
    LockFreedom.assertIgnoresMonitor("pop", s, s::pop);
  }
}
