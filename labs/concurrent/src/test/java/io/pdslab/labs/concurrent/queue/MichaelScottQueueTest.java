package io.pdslab.labs.concurrent.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.pdslab.labs.concurrent.Churn;
import io.pdslab.labs.concurrent.LockFreedom;
import org.junit.jupiter.api.Test;

/** Targeted tests of {@link MichaelScottQueue}: order, and no lost or duplicated items. */
class MichaelScottQueueTest {
  @Test
  void sequentialFifo() {
    MichaelScottQueue<Integer> q = new MichaelScottQueue<>();
    assertNull(q.deq(), "empty queue");
    for (int i = 0; i < 100; i++) {
      q.enq(i);
    }
    for (int i = 0; i < 100; i++) {
      assertEquals(i, q.deq());
    }
    assertNull(q.deq(), "drained queue");
  }

  @Test
  void producersAndOneConsumerKeepPerProducerOrder() {
    MichaelScottQueue<Integer> q = new MichaelScottQueue<>();
    Churn.producersConsumers("msq-1c", 3, 1, 30_000, q::enq, q::deq, true);
  }

  @Test
  void producersAndConsumersLoseNothing() {
    MichaelScottQueue<Integer> q = new MichaelScottQueue<>();
    Churn.producersConsumers("msq-2c", 2, 2, 50_000, q::enq, q::deq, false);
  }

  /**
   * Lock-free means no lock: enq and deq must not wait for a thread holding the queue's monitor.
   */
  @Test
  void takesNoLock() throws InterruptedException {
    MichaelScottQueue<Integer> q = new MichaelScottQueue<>();
    LockFreedom.assertIgnoresMonitor("enq", q, () -> q.enq(1));
    LockFreedom.assertIgnoresMonitor("deq", q, q::deq);
  }
}
