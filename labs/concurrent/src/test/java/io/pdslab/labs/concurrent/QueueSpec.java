package io.pdslab.labs.concurrent;

import io.pdslab.labs.concurrent.given.ConcurrentQueue;
import java.util.ArrayDeque;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;

/** Lincheck operations over a {@link ConcurrentQueue}; subclasses say which queue. */
@Param(name = "item", gen = SeededIntGen.class, conf = "1:5")
public abstract class QueueSpec {
  private final ConcurrentQueue<Integer> queue = newQueue();

  /** The implementation under test. */
  protected abstract ConcurrentQueue<Integer> newQueue();

  @Operation
  public void enq(@Param(name = "item") int item) {
    queue.enq(item);
  }

  @Operation
  public Integer deq() {
    return queue.deq();
  }

  /** The sequential specification: a plain FIFO queue. */
  public static final class Sequential {
    private final ArrayDeque<Integer> queue = new ArrayDeque<>();

    public void enq(int item) {
      queue.add(item);
    }

    public Integer deq() {
      return queue.poll();
    }
  }
}
