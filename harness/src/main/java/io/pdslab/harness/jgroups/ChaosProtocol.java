package io.pdslab.harness.jgroups;

import io.pdslab.harness.sim.Seeds;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.jgroups.Address;
import org.jgroups.Event;
import org.jgroups.Message;
import org.jgroups.stack.Protocol;
import org.jgroups.util.MessageBatch;
import org.jgroups.util.NameCache;

/**
 * A JGroups protocol, placed just above the transport and its discovery protocol, that drops,
 * duplicates and delays the messages this member <em>receives</em>, and cuts links one way.
 *
 * <p>Every decision on the link {@code A>B} (messages from member A received by member B; members
 * are named by their channel's logical name) is drawn from that link's own random stream, derived
 * from the seed and the link's name. So the seed fixes the sequence of decisions on each link: the
 * n-th message over {@code A>B} meets the same fate in every run with that seed. It does not fix
 * <em>which</em> message is the n-th: JGroups runs on real threads and real clocks (retransmission
 * timers, thread pools), so the interleaving, and with it the stream of messages, varies between
 * runs.
 *
 * <p>The reliable protocols above (NAKACK2, UNICAST3) repair drops and discard duplicates, so to
 * the application these faults are delays and retransmissions; a cut link stalls its traffic until
 * healed. An {@linkplain #isolate() isolated} member neither sends nor receives anything, which is
 * how {@link ChaosNet#crash} makes a member fall silent before it is closed.
 *
 * <p>Every message this member sends carries a {@link LinkStamp} with its name: the receiver picks
 * the link, and so the fault stream and the cuts, by that name, not by the message's source, which
 * a protocol above may have rewritten. With {@link #trackMulticasts()}, each multicast's stamp also
 * carries a number and each member counts the numbered multicasts it has dealt with, so that a
 * crash can wait until the multicasts its member sent before falling silent have all arrived (or
 * been dropped): see {@link ChaosNet#crash}.
 */
public final class ChaosProtocol extends Protocol {

  private final String self;
  private final long seed;
  private volatile FaultRates rates = FaultRates.NONE;
  private volatile boolean isolated;
  private volatile boolean tracking;

  /**
   * Held to send, taken exclusively to isolate: nothing is stamped after the member fell silent.
   */
  private final ReadWriteLock silence = new ReentrantReadWriteLock();

  private final AtomicLong multicastsSent = new AtomicLong();
  private final MulticastArrivals arrivals = new MulticastArrivals();
  private final Set<String> cutFrom = ConcurrentHashMap.newKeySet();
  private final Map<String, Random> streams = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
  private final FaultLog log;
  private ScheduledExecutorService delayer;
  private volatile Runnable onJoin = () -> {};

  /**
   * @param self the logical name of the channel this protocol sits in
   * @param seed the seed every link stream is derived from
   * @param log where every fault is recorded
   */
  public ChaosProtocol(String self, long seed, FaultLog log) {
    this.self = self;
    this.seed = seed;
    this.log = log;
    LinkStamp.register();
  }

  /** The logical name of this member. */
  public String self() {
    return self;
  }

  /** Sets the fault rates of every incoming link from now on. */
  public void rates(FaultRates rates) {
    this.rates = rates;
  }

  /** Drops every message from {@code sender} to this member until {@link #heal()}. */
  public void cutFrom(String sender) {
    cutFrom.add(sender);
  }

  /** Restores every link cut with {@link #cutFrom}; isolation stays. */
  public void heal() {
    cutFrom.clear();
  }

  /**
   * Numbers every multicast this member sends from now on (call before the channel connects), for
   * {@link #isolate()}'s count and the receivers' {@link #awaitMulticasts}. Off by default.
   */
  public void trackMulticasts() {
    tracking = true;
  }

  /**
   * Drops everything this member sends or receives, for good.
   *
   * @return how many multicasts it stamped before (see {@link #trackMulticasts()}; 0 if not
   *     tracking): every one of them has passed this layer and is on its way
   */
  public long isolate() {
    silence.writeLock().lock();
    try {
      isolated = true;
      return multicastsSent.get();
    } finally {
      silence.writeLock().unlock();
    }
  }

  /**
   * Waits until every one of the first {@code sent} stamped multicasts of {@code sender} has
   * arrived here and been dropped or passed up (into the reliable protocols above), for at most
   * {@code limit}.
   *
   * @return whether they all arrived in time
   */
  public boolean awaitMulticasts(Address sender, long sent, Duration limit)
      throws InterruptedException {
    return arrivals.await(sender, sent, limit);
  }

  /**
   * Runs {@code hook} each time this member connects, once the connect event has gone below this
   * layer, so once its transport has joined the cluster: every multicast the others send from then
   * on reaches this member.
   */
  void onJoin(Runnable hook) {
    this.onJoin = hook;
  }

  /** How many multicasts this member has stamped so far (see {@link #trackMulticasts()}). */
  long multicastsSent() {
    return multicastsSent.get();
  }

  /**
   * Every multicast {@code sender} stamps after {@code number} is bound to reach this member (its
   * transport had joined when {@code sender} had stamped {@code number}): {@link #awaitMulticasts}
   * waits for those only. By default it waits for every stamped multicast.
   */
  void expectMulticastsAfter(Address sender, long number) {
    arrivals.expectAfter(sender, number);
  }

  /** How many messages of link {@code sender>self} met {@code fault} so far. */
  public long count(String sender, Fault fault) {
    AtomicLong n = counts.get(key(sender, fault));
    return n == null ? 0 : n.get();
  }

  @Override
  public void start() throws Exception {
    super.start();
    delayer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "chaos-delay-" + self);
              t.setDaemon(true);
              return t;
            });
  }

  @Override
  public void stop() {
    delayer.shutdownNow();
    super.stop();
  }

  @Override
  public Object down(Event evt) {
    Object result = down_prot.down(evt);
    if (evt.getType() == Event.CONNECT || evt.getType() == Event.CONNECT_WITH_STATE_TRANSFER) {
      onJoin.run();
    }
    return result;
  }

  @Override
  public Object down(Message msg) {
    silence.readLock().lock();
    try {
      if (isolated) {
        return null;
      }
      if (tracking && msg.dest() == null) {
        msg.putHeader(LinkStamp.PROTOCOL_ID, new LinkStamp(self, multicastsSent.incrementAndGet()));
      } else if (!isStampedBySelf(msg)) {
        // A message resent as is (UNICAST3 does) keeps its stamp: no write to a message that the
        // transport may be serialising on another thread.
        msg.putHeader(LinkStamp.PROTOCOL_ID, new LinkStamp(self, 0));
      }
    } finally {
      silence.readLock().unlock();
    }
    return down_prot.down(msg);
  }

  @Override
  public Object up(Message msg) {
    LinkStamp stamp = numbered(msg);
    Fault fault = decide(msg, msg.src());
    if (fault == Fault.DELAY) {
      delay(msg, msg.src(), stamp);
      return null;
    }
    try {
      if (fault == null) {
        return up_prot.up(msg);
      }
      return switch (fault) {
        case DUPLICATE -> {
          up_prot.up(msg.copy(true, true));
          yield up_prot.up(msg);
        }
        default -> null;
      };
    } finally {
      arrivals.arrived(msg.src(), stamp);
    }
  }

  @Override
  public void up(MessageBatch batch) {
    List<Message> duplicates = new ArrayList<>();
    List<LinkStamp> settled = new ArrayList<>();
    Address sender = batch.sender();
    batch.removeIf(
        msg -> {
          LinkStamp stamp = numbered(msg);
          Fault fault = decide(msg, sender);
          if (fault == Fault.DELAY) {
            delay(withSource(msg, sender), sender, stamp);
            return true;
          }
          if (stamp != null) {
            settled.add(stamp);
          }
          if (fault == Fault.DUPLICATE) {
            duplicates.add(withSource(msg.copy(true, true), sender));
          }
          return fault == Fault.DROP || fault == Fault.CUT;
        },
        true);
    try {
      for (Message copy : duplicates) {
        up_prot.up(copy);
      }
      if (!batch.isEmpty()) {
        up_prot.up(batch);
      }
    } finally {
      settled.forEach(stamp -> arrivals.arrived(sender, stamp));
    }
  }

  /**
   * The fate of one incoming message, or null to pass it up untouched; {@code from} is where it
   * came from if it names no sender itself.
   */
  private Fault decide(Message msg, Address from) {
    if (isolated) {
      return Fault.CUT;
    }
    String sender = link(msg, from);
    if (sender.equals(self)) {
      return null;
    }
    Fault fault;
    if (cutFrom.contains(sender)) {
      fault = Fault.CUT;
    } else {
      FaultRates r = rates;
      if (r.drop() + r.duplicate() + r.delay() == 0) {
        return null;
      }
      double x = stream(sender).nextDouble();
      if (x < r.drop()) {
        fault = Fault.DROP;
      } else if (x < r.drop() + r.duplicate()) {
        fault = Fault.DUPLICATE;
      } else if (x < r.drop() + r.duplicate() + r.delay()) {
        fault = Fault.DELAY;
      } else {
        return null;
      }
    }
    long n = counts.computeIfAbsent(key(sender, fault), k -> new AtomicLong()).incrementAndGet();
    log.record(sender + ">" + self, fault, n);
    return fault;
  }

  /** Passes {@code msg} up later; {@code sender} is where it came from, as counted on entry. */
  private void delay(Message msg, Address sender, LinkStamp stamp) {
    int max = Math.max(1, rates.maxDelayMillis());
    long millis = 1 + stream(link(msg, sender) + "/delay").nextInt(max);
    Runnable deliver =
        () -> {
          try {
            up_prot.up(msg);
          } finally {
            arrivals.arrived(sender, stamp);
          }
        };
    try {
      delayer.schedule(deliver, millis, TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.RejectedExecutionException stopped) {
      // The channel is closing: the message is lost, as on a real crash.
      arrivals.arrived(sender, stamp);
    }
  }

  private boolean isStampedBySelf(Message msg) {
    LinkStamp stamp = msg.getHeader(LinkStamp.PROTOCOL_ID);
    return stamp != null && self.equals(stamp.sender());
  }

  /**
   * A message of a batch, leaving the batch alone: it needs its source, which a batch may hold for
   * all its messages.
   */
  private static Message withSource(Message msg, Address sender) {
    return msg.src() == null ? msg.setSrc(sender) : msg;
  }

  /**
   * The stamp of a numbered multicast, or null. A retransmission is a unicast copy: it does not
   * count again.
   */
  private static LinkStamp numbered(Message msg) {
    if (msg.dest() != null) {
      return null;
    }
    LinkStamp stamp = msg.getHeader(LinkStamp.PROTOCOL_ID);
    return stamp != null && stamp.number() > 0 ? stamp : null;
  }

  /**
   * The name of the link a message comes over: the sender named in its stamp, else (a message from
   * outside the chaos layers, such as a test's) the logical name or address of {@code from}.
   */
  private static String link(Message msg, Address from) {
    LinkStamp stamp = msg.getHeader(LinkStamp.PROTOCOL_ID);
    return stamp != null ? stamp.sender() : senderName(from);
  }

  private static String senderName(Address src) {
    if (src == null) {
      return "?";
    }
    String name = NameCache.get(src);
    return name != null ? name : src.toString();
  }

  private Random stream(String link) {
    return streams.computeIfAbsent(link, l -> Seeds.random(seed, "link " + l + ">" + self));
  }

  private static String key(String sender, Fault fault) {
    return sender + " " + fault;
  }
}
