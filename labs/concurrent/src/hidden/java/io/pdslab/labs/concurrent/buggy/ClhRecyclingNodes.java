package io.pdslab.labs.concurrent.buggy;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;

/**
 * BUG: the book's CLH lock, which recycles its predecessor's node on unlock, with a {@code tryLock}
 * that checks "the tail is unlocked" and then compare-and-sets the tail. Between the check and the
 * CAS the tail can be released, recycled and enqueued again, locked: the CAS succeeds on the same
 * node (ABA) and two threads hold the lock. {@code lock}/{@code unlock} alone are correct.
 */
public final class ClhRecyclingNodes implements Lock {
  private static final class Node {
    volatile boolean locked;
  }

  private final AtomicReference<Node> tail = new AtomicReference<>(new Node());
  private final ThreadLocal<Node> myNode = ThreadLocal.withInitial(Node::new);
  private final ThreadLocal<Node> myPred = new ThreadLocal<>();

  @Override
  public void lock() {
    Node node = myNode.get();
    node.locked = true;
    Node pred = tail.getAndSet(node);
    myPred.set(pred);
    while (pred.locked) {
      Thread.onSpinWait();
    }
  }

  @Override
  public boolean tryLock() {
    Node pred = tail.get();
    if (pred.locked) {
      return false;
    }
    Node node = myNode.get();
    node.locked = true;
    if (tail.compareAndSet(pred, node)) { // BUG: pred may have been recycled and re-locked
      myPred.set(pred);
      return true;
    }
    node.locked = false;
    return false;
  }

  @Override
  public void unlock() {
    Node node = myNode.get();
    node.locked = false;
    myNode.set(myPred.get()); // recycle the predecessor's node
  }

  @Override
  public void lockInterruptibly() {
    lock();
  }

  @Override
  public boolean tryLock(long time, TimeUnit unit) {
    return tryLock();
  }

  @Override
  public Condition newCondition() {
    throw new UnsupportedOperationException();
  }
}
