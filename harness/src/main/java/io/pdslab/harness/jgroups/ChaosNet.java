package io.pdslab.harness.jgroups;

import io.pdslab.harness.sim.Seeds;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.jgroups.Address;
import org.jgroups.Event;
import org.jgroups.JChannel;
import org.jgroups.Message;
import org.jgroups.View;
import org.jgroups.ViewId;
import org.jgroups.protocols.FRAG2;
import org.jgroups.protocols.SHARED_LOOPBACK;
import org.jgroups.protocols.SHARED_LOOPBACK_PING;
import org.jgroups.protocols.UNICAST3;
import org.jgroups.protocols.pbcast.GMS;
import org.jgroups.protocols.pbcast.NAKACK2;
import org.jgroups.protocols.pbcast.STABLE;
import org.jgroups.protocols.pbcast.STATE_TRANSFER;
import org.jgroups.stack.Protocol;
import org.jgroups.util.NameCache;
import org.jgroups.util.Table;
import org.jgroups.util.UUID;
import org.jgroups.util.Util;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Real JGroups channels in one JVM, on a shared-loopback transport (no sockets, no IP multicast:
 * works in a network namespace with only loopback), each with a seeded {@link ChaosProtocol} above
 * the transport, and the faults a test needs: message loss, duplication and delay, one-way cuts,
 * crashes.
 *
 * <p>The stack has no failure detector and no MERGE protocol: membership changes only when a test
 * says so (a join, a graceful leave, a {@link #crash}, a {@link #partition} or a {@link #merge}),
 * so the views a test sees do not depend on timing. Waits belong to the test (Awaitility on {@link
 * #sameView}); the one wait here is a crash's, for the crashed member's last multicasts to be
 * delivered (see {@link #crash}).
 *
 * <pre>{@code
 * try (ChaosNet net = new ChaosNet("kv", seed)) {
 *   JChannel a = net.channel("r0"), b = net.channel("r1");
 *   ... connect, then
 *   net.rates(FaultRates.lossy());
 *   net.crash("r0");
 *   await().until(() -> net.sameView("r1"));
 * }
 * }</pre>
 */
public final class ChaosNet implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ChaosNet.class);

  /**
   * How long a crash waits for the crashed member's last multicasts to arrive before it suspects
   * the member anyway: a few milliseconds when idle, seconds on a loaded machine; past this, a
   * message is stuck, not slow.
   */
  private static final Duration IN_FLIGHT_LIMIT = Duration.ofSeconds(30);

  private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

  private final String cluster;
  private final long seed;
  private final FaultLog log = new FaultLog();
  private final Map<String, JChannel> live = new LinkedHashMap<>();
  private final Map<String, ChaosProtocol> chaos = new LinkedHashMap<>();
  private final List<JChannel> all = new ArrayList<>();

  /** Every chaos layer this net made, by its member's address; read without the net's lock. */
  private final Map<Address, ChaosProtocol> byAddress = new ConcurrentHashMap<>();

  private FaultRates rates = FaultRates.NONE;

  /**
   * @param cluster the cluster name; shared-loopback channels of one JVM with the same name see
   *     each other, so a test picks a unique one
   * @param seed the seed every link's fault stream is derived from
   */
  public ChaosNet(String cluster, long seed) {
    this.cluster = cluster;
    this.seed = seed;
  }

  /** The cluster name to connect the channels to. */
  public String cluster() {
    return cluster;
  }

  /** Every fault injected so far, for failure reports. */
  public FaultLog log() {
    return log;
  }

  /**
   * A new, unconnected channel named {@code name} (a restarted member reuses its name): transport,
   * discovery, chaos, a barrier for state transfer, NAKACK2 ({@link StrictNakack}), UNICAST3,
   * STABLE, GMS, then {@code aboveGms} (e.g. SEQUENCER), FRAG2 and STATE_TRANSFER.
   */
  public synchronized JChannel channel(String name, Protocol... aboveGms) throws Exception {
    ChaosProtocol c = new ChaosProtocol(name, seed, log);
    c.rates(rates);
    c.trackMulticasts();
    List<Protocol> stack = new ArrayList<>();
    stack.add(new SHARED_LOOPBACK().setBindAddress(InetAddress.getLoopbackAddress()));
    stack.add(new SHARED_LOOPBACK_PING());
    stack.add(c);
    // STATE_TRANSFER closes the barrier while it takes the digest (provider) and while it installs
    // the digest and the state (joiner), so that no multicast is delivered in between; JGroups' own
    // BARRIER and NAKACK2 let some through (see StrictBarrier and StrictNakack).
    stack.add(new StrictBarrier());
    // A dropped *last* multicast leaves no gap for NAKACK2 to see: the sender re-announces its
    // last seqno, and STABLE gossips digests every second (default: 20 s) as a backstop.
    stack.add(
        new StrictNakack()
            .setXmitInterval(50)
            .useMcastXmit(false)
            .resendLastSeqno(true)
            .setResendLastSeqnoMaxTimes(5));
    stack.add(new UNICAST3().setXmitInterval(50));
    stack.add(new STABLE().setDesiredAverageGossip(1000));
    stack.add(
        new GMS()
            .printLocalAddress(false)
            .setJoinTimeout(1000)
            .setLeaveTimeout(200)
            .setViewAckCollectionTimeout(500));
    stack.addAll(Arrays.asList(aboveGms));
    stack.add(new FRAG2());
    stack.add(new STATE_TRANSFER());
    JChannel ch = new JChannel(stack).name(name);
    // Addresses sort in creation order (JGroups' UUIDs are random): the coordinator JGroups picks
    // at
    // a merge, the lowest of the sides' coordinators, is then fixed by the test, not by chance.
    UUID address = new UUID(all.size() + 1, Seeds.random(seed, "address " + name).nextLong());
    ch.addAddressGenerator(() -> address);
    // From the moment its transport joins, a member receives every multicast the others stamp
    // from then on: what a crash waits for at this member (see awaitMulticastsFrom).
    c.onJoin(
        () ->
            byAddress.forEach(
                (sender, other) -> {
                  if (other != c) {
                    c.expectMulticastsAfter(sender, other.multicastsSent());
                  }
                }));
    byAddress.put(address, c);
    live.put(name, ch);
    chaos.put(name, c);
    all.add(ch);
    return ch;
  }

  /** The chaos protocol of the live member {@code name}. */
  public synchronized ChaosProtocol chaos(String name) {
    ChaosProtocol c = chaos.get(name);
    if (c == null || !live.containsKey(name)) {
      throw new IllegalArgumentException("no live member " + name);
    }
    return c;
  }

  /** Sets the fault rates of every link, now and for members created later. */
  public synchronized void rates(FaultRates rates) {
    this.rates = rates;
    chaos.values().forEach(c -> c.rates(rates));
    log.note("rates " + rates);
  }

  /** Drops every message {@code from} sends to {@code to} until {@link #healCuts()}. */
  public synchronized void cutOneWay(String from, String to) {
    chaos(to).cutFrom(from);
    log.note("cut " + from + ">" + to);
  }

  /** Restores every cut link. */
  public synchronized void healCuts() {
    chaos.values().forEach(ChaosProtocol::heal);
    log.note("heal");
  }

  /**
   * Crashes {@code name}: it falls silent at once (nothing in, nothing out); once the multicasts it
   * sent before have arrived at every other live member (or been dropped on the way) and been
   * delivered there (all that have no gap before them), its channel is closed and the others are
   * told it is suspected, so GMS installs a view without it (if it was the coordinator, the next
   * member takes over).
   *
   * <p>Why wait: a real failure detector suspects a member only after a timeout far longer than a
   * message's trip, so what the member sent before it died arrives first. Suspecting it at once
   * lets the new view overtake its last multicasts (delayed by this net, or queued in a receiver's
   * thread pool), and NAKACK2 discards a multicast from a member that is no longer in the view: one
   * survivor would deliver it and another not, a gap no real detector opens (and one delivered
   * late, after the next coordinator's first multicasts, breaks SEQUENCER's total order). A
   * multicast the network <em>dropped</em> stays lost to whoever missed it (only its dead sender
   * could retransmit it): JGroups 5.5 has no flush, and a test that crashes a member on a lossy
   * network must allow for that.
   */
  public synchronized void crash(String name) {
    JChannel ch = live.remove(name);
    if (ch == null) {
      throw new IllegalArgumentException("no live member " + name);
    }
    long sent = chaos.get(name).isolate();
    log.note("crash " + name);
    Address gone = ch.getAddress();
    awaitMulticastsFrom(name, gone, sent);
    if (LOG.isDebugEnabled()) {
      LOG.debug("crash of {} after {} multicasts; {}", name, sent, deliveryReport());
    }
    Util.close(ch);
    for (Map.Entry<String, JChannel> e : live.entrySet()) {
      if (e.getValue().isConnected()) {
        chaos.get(e.getKey()).up(new Event(Event.SUSPECT, List.of(gone)));
      }
    }
  }

  /**
   * Waits until every live member has received each of the first {@code sent} multicasts of {@code
   * name} that was stamped after the member joined (even if none has reached it yet).
   */
  private void awaitMulticastsFrom(String name, Address gone, long sent) {
    // One limit for the whole crash, not one per survivor: the crash holds this net's lock.
    long deadline = System.nanoTime() + IN_FLIGHT_LIMIT.toNanos();
    for (Map.Entry<String, JChannel> e : live.entrySet()) {
      if (!e.getValue().isConnected()) {
        continue;
      }
      try {
        Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
        if (!chaos.get(e.getKey()).awaitMulticasts(gone, sent, left)
            || !awaitDelivered(e.getValue(), gone, deadline)) {
          LOG.warn(
              "{}'s multicasts still on their way to {} after {}: suspecting {} anyway",
              name,
              e.getKey(),
              IN_FLIGHT_LIMIT,
              name);
          log.note(name + ">" + e.getKey() + " multicasts in flight at the crash");
        }
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /**
   * Waits (polling, until {@code deadline}) until {@code member}'s NAKACK2 has handed up every
   * multicast of {@code gone} that it can deliver: once the view without {@code gone} is installed,
   * a multicast of {@code gone} still queued behind a slow delivering thread would be ordered after
   * the new sequencer's first ones on this member only.
   */
  private static boolean awaitDelivered(JChannel member, Address gone, long deadline) {
    NAKACK2 nakack = member.getProtocolStack().findProtocol(NAKACK2.class);
    while (true) {
      Table<Message> window = nakack.getWindow(gone);
      if (window == null
          || (window.getAdders().get() == 0
              && window.getHighestDelivered() >= window.getHighestDeliverable())) {
        return true;
      }
      if (System.nanoTime() > deadline) {
        return false;
      }
      LockSupport.parkNanos(POLL_NANOS);
    }
  }

  /** Closes {@code name} gracefully: it leaves the group. */
  public synchronized void leave(String name) {
    JChannel ch = live.remove(name);
    if (ch == null) {
      throw new IllegalArgumentException("no live member " + name);
    }
    log.note("leave " + name);
    Util.close(ch);
  }

  /**
   * Splits the live members into {@code sides} (every live member on exactly one side): every link
   * between two sides is cut both ways, and each side is given a view of its own members, in the
   * order of the current view, so a side keeps its coordinator if it has it. Nothing waits for
   * timeouts: the views are installed here, as a failure detector would after a while.
   *
   * @throws IllegalArgumentException if a side is empty, a name is not a live member or is on two
   *     sides, or a live member is on no side
   */
  @SafeVarargs
  public final synchronized void partition(List<String>... sides) {
    Set<String> seen = new HashSet<>();
    for (List<String> side : sides) {
      if (side.isEmpty()) {
        throw new IllegalArgumentException(
            "a side of a partition is empty: " + Arrays.toString(sides));
      }
      for (String name : side) {
        if (!live.containsKey(name) || !seen.add(name)) {
          throw new IllegalArgumentException("not a live member or on two sides: " + name);
        }
      }
    }
    if (!seen.equals(live.keySet())) {
      throw new IllegalArgumentException("every live member must be on a side: " + live.keySet());
    }
    for (List<String> side : sides) {
      for (List<String> other : sides) {
        if (other != side) {
          side.forEach(to -> other.forEach(from -> chaos.get(to).cutFrom(from)));
        }
      }
    }
    log.note("partition " + Arrays.toString(sides));
    for (List<String> side : sides) {
      View old = live.get(side.get(0)).getView();
      List<Address> members = new ArrayList<>();
      for (Address a : old.getMembers()) {
        if (side.contains(NameCache.get(a))) {
          members.add(a);
        }
      }
      View view = new View(new ViewId(members.get(0), old.getViewId().getId() + 1), members);
      for (String name : side) {
        gms(name).installView(view);
      }
    }
  }

  /**
   * Ends a {@link #partition}: restores every cut link and hands JGroups' merge event, with every
   * live member's view, to the merge leader (the lowest address among the sides' coordinators), so
   * that GMS merges the sides into one {@link org.jgroups.MergeView}.
   */
  public synchronized void merge() {
    healCuts();
    Map<Address, View> views = new HashMap<>();
    Map<Address, String> coordinators = new TreeMap<>();
    for (Map.Entry<String, JChannel> e : live.entrySet()) {
      View v = e.getValue().getView();
      views.put(e.getValue().getAddress(), v);
      coordinators.put(v.getCoord(), NameCache.get(v.getCoord()));
    }
    String leader = coordinators.values().iterator().next();
    log.note("merge by " + leader);
    gms(leader).up(new Event(Event.MERGE, views));
  }

  private GMS gms(String name) {
    return live.get(name).getProtocolStack().findProtocol(GMS.class);
  }

  /** The names of the live members, in creation order. */
  public synchronized List<String> liveMembers() {
    return List.copyOf(live.keySet());
  }

  /**
   * Whether every live member among {@code names} is connected and has the same view, made of
   * exactly those members.
   */
  public synchronized boolean sameView(String... names) {
    View first = null;
    for (String n : names) {
      JChannel ch = live.get(n);
      if (ch == null || !ch.isConnected() || ch.getView() == null) {
        return false;
      }
      View v = ch.getView();
      if (first == null) {
        first = v;
      } else if (!first.equals(v)) {
        return false;
      }
    }
    return first != null && first.size() == names.length;
  }

  /**
   * What each live member has received and delivered, for a failure report: its view, whether its
   * barrier is closed (a state transfer in progress), and for each sender's multicasts the highest
   * seqno delivered and received and how many in between are missing. A member that stopped
   * delivering one sender's multicasts (a gap never filled, a barrier left closed) shows here,
   * while the history only shows stale answers.
   */
  public synchronized String deliveryReport() {
    StringBuilder out =
        new StringBuilder("delivery at each live member (sender: delivered/received):");
    for (Map.Entry<String, JChannel> e : live.entrySet()) {
      JChannel ch = e.getValue();
      out.append("\n  ").append(e.getKey()).append(' ');
      if (!ch.isConnected()) {
        out.append("not connected");
        continue;
      }
      out.append("view ").append(ch.getView().getViewId());
      if (ch.getProtocolStack().findProtocol(StrictBarrier.class) instanceof StrictBarrier b
          && b.isClosed()) {
        out.append(", barrier CLOSED");
      }
      NAKACK2 nakack = ch.getProtocolStack().findProtocol(NAKACK2.class);
      for (Address sender : ch.getView().getMembers()) {
        Table<Message> window = nakack.getWindow(sender);
        out.append(", ").append(NameCache.get(sender)).append(": ");
        if (window == null) {
          out.append("no window");
        } else {
          out.append(window.getHighestDelivered()).append('/').append(window.getHighestReceived());
          if (window.getNumMissing() > 0) {
            out.append(" (").append(window.getNumMissing()).append(" missing)");
          }
        }
      }
    }
    return out.toString();
  }

  /** Closes every channel this net created. */
  @Override
  public synchronized void close() {
    for (int i = all.size() - 1; i >= 0; i--) {
      Util.close(all.get(i));
    }
    live.clear();
  }
}
