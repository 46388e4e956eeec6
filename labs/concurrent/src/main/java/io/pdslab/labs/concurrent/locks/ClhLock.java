package io.pdslab.labs.concurrent.locks;

import io.pdslab.labs.concurrent.given.Spin;
import io.pdslab.labs.concurrent.given.SpinLock;
import java.util.concurrent.atomic.AtomicReference;

/**
 * CLH queue lock: threads form an implicit queue through {@code tail}; each spins on its
 * predecessor's node, so waiting threads touch distinct cache lines and are served first come,
 * first served.
 *
 * <p>The book recycles the predecessor's node on unlock to avoid allocation. Here every acquisition
 * allocates a fresh node (cheap in Java, the garbage collector reclaims it): a node then enters the
 * queue only once, which is what makes {@link #tryLock()} safe from ABA. With recycling, the tail
 * can return to a node we saw unlocked a moment ago, now locked again.
 */
public final class ClhLock extends SpinLock {
  /** A queue node; {@code locked} is true while its owner holds or waits for the lock. */
  static final class Node {
    volatile boolean locked;

    Node(boolean locked) {
      this.locked = locked;
    }
  }

  private final AtomicReference<Node> tail = new AtomicReference<>(new Node(false));

  /** The node of the current holder; read only by the thread that holds the lock. */
  private final ThreadLocal<Node> myNode = new ThreadLocal<>();

  @Override
  public void lock() {
    // BEGIN SOLUTION
    Node node = new Node(true);
    myNode.set(node);
    Node pred = tail.getAndSet(node);
    int spins = 0;
    while (pred.locked) {
      spins = Spin.spin(spins);
    }
    // END SOLUTION
    // STUB: throw new UnsupportedOperationException("TODO: ClhLock.lock()");
  }

  @Override
  public boolean tryLock() {
    // BEGIN SOLUTION
    Node pred = tail.get();
    if (pred.locked) {
      return false;
    }
    Node node = new Node(true);
    if (tail.compareAndSet(pred, node)) {
      myNode.set(node);
      return true;
    }
    return false;
    // END SOLUTION
    // STUB: throw new UnsupportedOperationException("TODO: ClhLock.tryLock()");
  }

  @Override
  public void unlock() {
    // BEGIN SOLUTION
    myNode.get().locked = false;
    // END SOLUTION
    // STUB: throw new UnsupportedOperationException("TODO: ClhLock.unlock()");
  }
}
