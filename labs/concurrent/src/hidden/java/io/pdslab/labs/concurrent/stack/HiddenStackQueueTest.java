package io.pdslab.labs.concurrent.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.pdslab.harness.perf.Workers;
import io.pdslab.labs.concurrent.Churn;
import io.pdslab.labs.concurrent.queue.MichaelScottQueue;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Grader-only stack and queue tests: more threads, mixed pairs, null items. */
class HiddenStackQueueTest {
  @Test
  void stackManyProducersAndConsumers() {
    TreiberStack<Integer> s = new TreiberStack<>();
    Churn.producersConsumers("treiber-4x4", 4, 4, 20_000, s::push, s::pop, false);
  }

  @Test
  void queueManyProducersAndConsumers() {
    MichaelScottQueue<Integer> q = new MichaelScottQueue<>();
    Churn.producersConsumers("msq-4x4", 4, 4, 20_000, q::enq, q::deq, false);
  }

  /** Each thread pushes then pops, so every pop finds something and the stack ends empty. */
  @Test
  void stackPairsNeverFindItEmpty() {
    TreiberStack<Integer> s = new TreiberStack<>();
    Workers.run(
        "treiber-pairs",
        4,
        Duration.ofSeconds(60),
        i -> {
          for (int n = 0; n < 50_000; n++) {
            s.push(n);
            if (s.pop() == null) {
              throw new AssertionError("pop after push found the stack empty");
            }
          }
        });
    assertNull(s.pop());
  }

  @Test
  void queuePairsNeverFindItEmpty() {
    MichaelScottQueue<Integer> q = new MichaelScottQueue<>();
    Workers.run(
        "msq-pairs",
        4,
        Duration.ofSeconds(60),
        i -> {
          for (int n = 0; n < 50_000; n++) {
            q.enq(n);
            if (q.deq() == null) {
              throw new AssertionError("deq after enq found the queue empty");
            }
          }
        });
    assertNull(q.deq());
  }

  @Test
  void nullItemsAreRejected() {
    // A null is refused and changes nothing: the structure still holds exactly what was added.
    TreiberStack<Integer> s = new TreiberStack<>();
    s.push(1);
    assertThrows(NullPointerException.class, () -> s.push(null));
    assertEquals(1, s.pop(), "the stack after a refused null push");
    assertNull(s.pop(), "a refused null push must not leave an element behind");
    MichaelScottQueue<Integer> q = new MichaelScottQueue<>();
    q.enq(1);
    assertThrows(NullPointerException.class, () -> q.enq(null));
    assertEquals(1, q.deq(), "the queue after a refused null enq");
    assertNull(q.deq(), "a refused null enq must not leave an element behind");
  }
}
