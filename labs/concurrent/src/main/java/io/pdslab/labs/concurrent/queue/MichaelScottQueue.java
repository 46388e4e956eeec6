package io.pdslab.labs.concurrent.queue;

import io.pdslab.labs.concurrent.given.ConcurrentQueue;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The Michael–Scott lock-free queue: a linked list with a sentinel at {@code head}; {@code tail}
 * may lag one node behind the last node, and every thread that notices the lag helps to fix it.
 *
 * @param <T> item type
 */
public final class MichaelScottQueue<T> implements ConcurrentQueue<T> {
  /** A list node; the sentinel's item is null. */
  static final class Node<T> {
    private static final VarHandle NEXT;

    static {
      try {
        NEXT = MethodHandles.lookup().findVarHandle(Node.class, "next", Node.class);
      } catch (ReflectiveOperationException e) {
        throw new ExceptionInInitializerError(e);
      }
    }

    final T item;

    /**
     * The successor, or null at the end. A volatile field with a {@link VarHandle} for its
     * compare-and-set rather than an {@code AtomicReference}: one object per node instead of two,
     * and one hop fewer per step.
     */
    volatile Node<T> next;

    Node(T item) {
      this.item = item;
    }

    /** Sets {@code next} to {@code update} if it is {@code expect}. */
    boolean casNext(Node<T> expect, Node<T> update) {
      return NEXT.compareAndSet(this, expect, update);
    }
  }

  private static final VarHandle HEAD;
  private static final VarHandle TAIL;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      HEAD = lookup.findVarHandle(MichaelScottQueue.class, "head", Node.class);
      TAIL = lookup.findVarHandle(MichaelScottQueue.class, "tail", Node.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** The sentinel; its successor holds the first item. Changed only by {@link #casHead}. */
  private volatile Node<T> head;

  /** The last node or, for a moment, the one before it. Changed only by {@link #casTail}. */
  private volatile Node<T> tail;

  /** An empty queue: head and tail point to one sentinel node. */
  public MichaelScottQueue() {
    Node<T> sentinel = new Node<>(null);
    head = sentinel;
    tail = sentinel;
  }

  /** Sets {@code head} to {@code update} if it is {@code expect}. */
  private boolean casHead(Node<T> expect, Node<T> update) {
    return HEAD.compareAndSet(this, expect, update);
  }

  /** Sets {@code tail} to {@code update} if it is {@code expect}. */
  private boolean casTail(Node<T> expect, Node<T> update) {
    return TAIL.compareAndSet(this, expect, update);
  }

  @Override
  public void enq(T item) {
    if (item == null) {
      throw new NullPointerException("item");
    }
    Node<T> node = new Node<>(item);
    // BEGIN SOLUTION
    while (true) {
      Node<T> last = tail;
      Node<T> next = last.next;
      if (last != tail) {
        continue; // inconsistent snapshot
      }
      if (next == null) {
        if (last.casNext(null, node)) {
          casTail(last, node); // may fail: someone helped already
          return;
        }
      } else {
        casTail(last, next); // help a lagging tail
      }
    }
    // END SOLUTION
    // STUB: throw new UnsupportedOperationException("TODO: MichaelScottQueue.enq()");
  }

  @Override
  public T deq() {
    // BEGIN SOLUTION
    while (true) {
      Node<T> first = head;
      Node<T> last = tail;
      Node<T> next = first.next;
      if (first != head) {
        continue;
      }
      if (first == last) {
        if (next == null) {
          return null;
        }
        // Never let head pass tail: fix the tail first.
        casTail(last, next);
      } else {
        T item = next.item;
        if (casHead(first, next)) {
          return item;
        }
      }
    }
    // END SOLUTION
    // STUB: throw new UnsupportedOperationException("TODO: MichaelScottQueue.deq()");
  }
}
