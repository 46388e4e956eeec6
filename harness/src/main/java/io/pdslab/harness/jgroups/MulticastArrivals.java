package io.pdslab.harness.jgroups;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jgroups.Address;

/**
 * What one member has received of each other member's stamped multicasts ({@link LinkStamp}): a
 * multicast counts once the chaos layer is done with it (dropped, or passed up to the protocols
 * above, which have then taken it in). Lets a crash wait until nothing its member sent is still on
 * its way here.
 */
final class MulticastArrivals {

  /** Per sender: how many stamped multicasts arrived, and the lowest stamp that entered. */
  private static final class FromSender {
    final AtomicLong count = new AtomicLong();
    final AtomicLong lowest = new AtomicLong(Long.MAX_VALUE);
  }

  private final Map<Address, FromSender> senders = new ConcurrentHashMap<>();
  private final Object signal = new Object();
  private final AtomicInteger waiters = new AtomicInteger();

  /**
   * Records that the multicast stamped {@code stamp} from {@code sender} has reached this member's
   * chaos layer, before its fate is decided: the lowest stamp must count a multicast that is then
   * delayed, or a later one that settles first would make the count look complete.
   */
  void entered(Address sender, LinkStamp stamp) {
    if (sender == null || stamp == null) {
      return;
    }
    senders
        .computeIfAbsent(sender, a -> new FromSender())
        .lowest
        .accumulateAndGet(stamp.number(), Math::min);
  }

  /**
   * Records that the multicast stamped {@code stamp} from {@code sender}, {@linkplain #entered
   * entered} before, has been dealt with.
   */
  void arrived(Address sender, LinkStamp stamp) {
    if (sender == null || stamp == null) {
      return;
    }
    senders.computeIfAbsent(sender, a -> new FromSender()).count.incrementAndGet();
    if (waiters.get() > 0) {
      synchronized (signal) {
        signal.notifyAll();
      }
    }
  }

  /**
   * Whether every multicast {@code sender} stamped up to {@code sent} has arrived here. A member
   * receives a sender's multicasts from the moment its transport joined the cluster, so the count
   * starts at the lowest stamp it saw. Nothing seen at all counts as nothing on its way: a member
   * has heard from the others (their views, their gossip) long before a test crashes one.
   */
  boolean complete(Address sender, long sent) {
    FromSender s = senders.get(sender);
    if (s == null || sent == 0) {
      return true;
    }
    long lowest = s.lowest.get();
    return lowest == Long.MAX_VALUE || s.count.get() >= sent - lowest + 1;
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
}
