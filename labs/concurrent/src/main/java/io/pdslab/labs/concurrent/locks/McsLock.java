package io.pdslab.labs.concurrent.locks;

import io.pdslab.labs.concurrent.given.Spin;
import io.pdslab.labs.concurrent.given.SpinLock;
import java.util.concurrent.atomic.AtomicReference;

/**
 * MCS queue lock: an explicit linked queue of nodes; each thread spins on its own node's flag and
 * the releasing thread hands the lock to its successor. First come, first served.
 */
public final class McsLock extends SpinLock {
  /** A queue node, reused by its thread across acquisitions. */
  static final class Node {
    volatile boolean locked;
    volatile Node next;
  }

  private final AtomicReference<Node> tail = new AtomicReference<>();
  private final ThreadLocal<Node> myNode = ThreadLocal.withInitial(Node::new);

  @Override
  public void lock() {
    // BEGIN SOLUTION
    Node node = myNode.get();
    node.next = null;
    node.locked = true; // before we become visible to a predecessor
    Node pred = tail.getAndSet(node);
    if (pred != null) {
      pred.next = node;
      int spins = 0;
      while (node.locked) {
        spins = Spin.spin(spins);
      }
    }
    // END SOLUTION
    // STUB: throw new UnsupportedOperationException("TODO: McsLock.lock()");
  }

  @Override
  public boolean tryLock() {
    // BEGIN SOLUTION
    Node node = myNode.get();
    node.next = null;
    node.locked = false;
    return tail.compareAndSet(null, node);
    // END SOLUTION
    // STUB: throw new UnsupportedOperationException("TODO: McsLock.tryLock()");
  }

  @Override
  public void unlock() {
    // BEGIN SOLUTION
    Node node = myNode.get();
    if (node.next == null) {
      if (tail.compareAndSet(node, null)) {
        return;
      }
      // A successor swapped the tail but has not linked itself yet.
      int spins = 0;
      while (node.next == null) {
        spins = Spin.spin(spins);
      }
    }
    node.next.locked = false;
    // END SOLUTION
    // STUB: throw new UnsupportedOperationException("TODO: McsLock.unlock()");
  }
}
