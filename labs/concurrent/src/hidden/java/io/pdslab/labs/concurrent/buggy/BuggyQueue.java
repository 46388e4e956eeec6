package io.pdslab.labs.concurrent.buggy;

import io.pdslab.labs.concurrent.given.ConcurrentQueue;
import java.util.concurrent.atomic.AtomicReference;

/** A Michael–Scott queue with one of the bugs students write, chosen by {@link Bug}. */
public class BuggyQueue<T> implements ConcurrentQueue<T> {
  /** The bug. */
  public enum Bug {
    /**
     * Enqueue links the new node with a plain {@code set} after checking that {@code tail.next} is
     * null; two enqueuers can both see null and one node is lost.
     */
    ENQUEUE_WITHOUT_CAS,
    /**
     * Nobody helps a lagging tail: a thread that finds {@code tail.next} set waits for the enqueuer
     * that linked it to swing the tail. Linearizable, but an enqueuer stalled between its two CASes
     * blocks every other operation: the queue is no longer lock-free.
     */
    TAIL_NOT_HELPED,
    /** None here: see {@link Synchronized}. */
    NONE
  }

  private static final class Node<T> {
    final T item;
    final AtomicReference<Node<T>> next = new AtomicReference<>();

    Node(T item) {
      this.item = item;
    }
  }

  private final Bug bug;
  private final AtomicReference<Node<T>> head;
  private final AtomicReference<Node<T>> tail;

  public BuggyQueue(Bug bug) {
    this.bug = bug;
    Node<T> sentinel = new Node<>(null);
    head = new AtomicReference<>(sentinel);
    tail = new AtomicReference<>(sentinel);
  }

  @Override
  public void enq(T item) {
    Node<T> node = new Node<>(item);
    while (true) {
      Node<T> last = tail.get();
      Node<T> next = last.next.get();
      if (next == null) {
        if (bug == Bug.ENQUEUE_WITHOUT_CAS) {
          last.next.set(node);
        } else if (!last.next.compareAndSet(null, node)) {
          continue;
        }
        tail.compareAndSet(last, node);
        return;
      }
      if (bug != Bug.TAIL_NOT_HELPED) {
        tail.compareAndSet(last, next);
      }
    }
  }

  @Override
  public T deq() {
    while (true) {
      Node<T> first = head.get();
      Node<T> last = tail.get();
      Node<T> next = first.next.get();
      if (first == last) {
        if (next == null) {
          return null;
        }
        if (bug != Bug.TAIL_NOT_HELPED) {
          tail.compareAndSet(last, next);
        }
      } else if (head.compareAndSet(first, next)) {
        return next.item;
      }
    }
  }

  /** BUG: every method {@code synchronized}: correct, but one preempted thread blocks all. */
  public static final class Synchronized<T> extends BuggyQueue<T> {
    public Synchronized() {
      super(Bug.NONE);
    }

    @Override
    public synchronized void enq(T item) {
      super.enq(item);
    }

    @Override
    public synchronized T deq() {
      return super.deq();
    }
  }
}
