package io.pdslab.harness.jgroups;

import java.time.Duration;
import java.util.BitSet;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jgroups.Address;

/**
 * What one member has received of each other member's stamped multicasts ({@link LinkStamp}): a
 * multicast counts once the chaos layer is done with it (dropped, or passed up to the protocols
 * above, which have then taken it in). Lets a crash wait until nothing its member sent is still on
 * its way here.
 *
 * <p>A member receives a sender's multicasts only from the moment its transport joined the cluster:
 * {@link #expectAfter} says from which stamp on every multicast of a sender is bound to arrive (by
 * default, all of them).
 */
final class MulticastArrivals {

  /** Per sender: the stamps that arrived, and the last stamp that may never arrive here. */
  private static final class FromSender {
    final BitSet arrived = new BitSet();
    long expectedAfter;
  }

  private final Map<Address, FromSender> senders = new ConcurrentHashMap<>();
  private final Object signal = new Object();
  private final AtomicInteger waiters = new AtomicInteger();

  /**
   * Every multicast {@code sender} stamps after {@code number} is bound to arrive here; the ones up
   * to {@code number} were stamped before this member could receive them, and may not.
   */
  void expectAfter(Address sender, long number) {
    FromSender s = from(sender);
    synchronized (s) {
      s.expectedAfter = number;
    }
  }

  /** Records that the multicast stamped {@code stamp} from {@code sender} has been dealt with. */
  void arrived(Address sender, LinkStamp stamp) {
    if (sender == null || stamp == null) {
      return;
    }
    FromSender s = from(sender);
    synchronized (s) {
      s.arrived.set(Math.toIntExact(stamp.number()));
    }
    if (waiters.get() > 0) {
      synchronized (signal) {
        signal.notifyAll();
      }
    }
  }

  /**
   * Whether every multicast {@code sender} stamped up to {@code sent} that is bound to arrive here
   * (see {@link #expectAfter}) has arrived.
   */
  boolean complete(Address sender, long sent) {
    FromSender s = from(sender);
    synchronized (s) {
      int first = Math.toIntExact(s.expectedAfter + 1);
      int last = Math.toIntExact(sent);
      return first > last || s.arrived.get(first, last + 1).cardinality() == last - first + 1;
    }
  }

  /**
   * Waits until {@link #complete} holds, for at most {@code limit}.
   *
   * @return whether it holds
   */
  boolean await(Address sender, long sent, Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    synchronized (signal) {
      waiters.incrementAndGet();
      try {
        while (!complete(sender, sent)) {
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            return false;
          }
          signal.wait(Math.max(1, left / 1_000_000));
        }
        return true;
      } finally {
        waiters.decrementAndGet();
      }
    }
  }

  private FromSender from(Address sender) {
    return senders.computeIfAbsent(sender, a -> new FromSender());
  }
}
