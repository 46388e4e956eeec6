package io.pdslab.harness.lin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class HistoryRecorderTest {

  @Test
  void recordsIntervalsFromTheInjectedClock() {
    AtomicLong time = new AtomicLong();
    HistoryRecorder<String, String> recorder = new HistoryRecorder<>(time::get);
    time.set(5);
    long a = recorder.invoke(0, "put x 1");
    time.set(7);
    long b = recorder.invoke(1, "get x");
    time.set(9);
    recorder.complete(a, "ok");

    List<Operation<String, String>> history = recorder.history();
    assertEquals(Operation.of(0, "put x 1", "ok", 5, 9), history.get(0));
    assertEquals(Operation.pending(1, "get x", 7), history.get(1));
    assertTrue(history.get(1).isPending());
    assertThrows(IllegalStateException.class, () -> recorder.complete(a, "again"));
    assertThrows(IllegalArgumentException.class, () -> recorder.complete(b + 1, "x"));
  }

  @Test
  void concurrentCaptureLosesNothing() throws InterruptedException {
    HistoryRecorder<Integer, Integer> recorder = new HistoryRecorder<>(System::nanoTime);
    int threads = 4;
    int perThread = 2_000;
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int client = t;
      workers.add(
          new Thread(
              () -> {
                for (int i = 0; i < perThread; i++) {
                  long op = recorder.invoke(client, i);
                  recorder.complete(op, i);
                }
              }));
    }
    workers.forEach(Thread::start);
    for (Thread w : workers) {
      w.join();
    }
    List<Operation<Integer, Integer>> history = recorder.history();
    assertEquals(threads * perThread, history.size());
    long[] next = new long[threads];
    for (Operation<Integer, Integer> op : history) {
      assertEquals(op.input(), op.output());
      assertEquals(next[op.client()]++, (long) op.input(), "per-client order kept");
      assertTrue(op.returnTime() >= op.callTime());
    }
  }
}
