package io.pdslab.labs.replication.given;

import static org.awaitility.Awaitility.await;

import io.pdslab.harness.jgroups.ChaosNet;
import io.pdslab.harness.jgroups.FaultRates;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.awaitility.core.ConditionFactory;
import org.awaitility.core.ConditionTimeoutException;
import org.jgroups.stack.Protocol;

/**
 * The replicas of one test on real JGroups channels (a {@link ChaosNet}): starts them, crashes
 * them, waits for views and convergence, and describes what happened for a failure report.
 *
 * <p>A crashed replica is fenced at once: a reply it computes after the crash is never delivered (a
 * real crashed process answers nobody), so a slow thread in it cannot answer from stale state.
 */
public final class ReplicaGroup implements AutoCloseable {

  /**
   * Generous for a loaded 2-core machine: a correct replica converges in well under a second when
   * the machine is idle, but beside three busy processes the reference once needed more than 20 s
   * (a lost multicast is repaired by retransmission timers that run on the wall clock). Waiting
   * costs a correct run nothing; only a failing one reports later.
   */
  public static final Duration WAIT = Duration.ofSeconds(60);

  /**
   * Every 10 ms, not Awaitility's default 100 ms: a test waits for a dozen conditions in a row, and
   * each would otherwise cost up to a poll interval after it holds.
   */
  private static final Duration POLL = Duration.ofMillis(10);

  private static final AtomicInteger CLUSTERS = new AtomicInteger();

  private final long seed;
  private final ReplicaFactory factory;
  private final Supplier<Protocol[]> aboveGms;
  private final ChaosNet net;
  private final Map<String, Fenced> live = new LinkedHashMap<>();
  private volatile boolean partitioned;

  /**
   * @param seed fixes every fault decision
   * @param factory builds the replicas under test
   * @param aboveGms the protocols a replica's stack needs above GMS (e.g. a new SEQUENCER each)
   */
  public ReplicaGroup(long seed, ReplicaFactory factory, Supplier<Protocol[]> aboveGms) {
    this.seed = seed;
    this.factory = factory;
    this.aboveGms = aboveGms;
    this.net = new ChaosNet("kv-" + CLUSTERS.incrementAndGet() + "-seed" + seed, seed);
  }

  /**
   * A wait for the condition named {@code what}: checked at once, then every {@link #POLL}, for up
   * to {@link #WAIT}.
   */
  public static ConditionFactory waiting(String what) {
    return await(what).atMost(WAIT).pollDelay(Duration.ZERO).pollInterval(POLL);
  }

  /** The network, for cuts and fault rates. */
  public ChaosNet net() {
    return net;
  }

  /** The seed of this run. */
  public long seed() {
    return seed;
  }

  /** Starts replicas {@code r<from>} .. {@code r<to-1>} one after the other. */
  public void startAll(int from, int to) throws Exception {
    for (int i = from; i < to; i++) {
      start("r" + i);
    }
  }

  /** Creates and starts replica {@code name} (joining the group and fetching its state). */
  public Replica start(String name) throws Exception {
    Replica replica = factory.create(net.channel(name, aboveGms.get()), net.cluster());
    Fenced fenced = new Fenced(replica);
    synchronized (this) {
      live.put(name, fenced);
    }
    replica.start();
    return fenced;
  }

  /** The live replica {@code name}. */
  public synchronized Replica replica(String name) {
    Replica r = live.get(name);
    if (r == null) {
      throw new IllegalArgumentException("no live replica " + name);
    }
    return r;
  }

  /** The live replicas, in start order. */
  public synchronized List<Replica> live() {
    return new ArrayList<>(live.values());
  }

  /** The names of the live replicas, in start order. */
  public synchronized List<String> liveNames() {
    return new ArrayList<>(live.keySet());
  }

  /** Crashes {@code name}: fenced, silenced, closed; the others are told it is suspected. */
  public void crash(String name) {
    Fenced f;
    synchronized (this) {
      f = live.remove(name);
    }
    f.crashed = true;
    net.crash(name);
  }

  /** Closes {@code name} gracefully: it leaves the group. */
  public void leave(String name) {
    Fenced f;
    synchronized (this) {
      f = live.remove(name);
    }
    f.crashed = true;
    f.inner.close();
    net.leave(name);
  }

  /**
   * Splits the live replicas into {@code sides} (cut links both ways, a view per side, see {@link
   * ChaosNet#partition}). From now until {@link #merge()}, {@link #writesAcknowledgedInPartition}
   * counts the writes each replica acknowledges.
   */
  @SafeVarargs
  public final void partition(List<String>... sides) {
    net.partition(sides);
    partitioned = true;
  }

  /** Heals the partition and has JGroups merge the sides; waits until all share one view. */
  public void merge() {
    partitioned = false;
    net.merge();
    awaitView();
  }

  /** Waits until the members of each side share one view of exactly their side. */
  @SafeVarargs
  public final void awaitSides(List<String>... sides) {
    for (List<String> side : sides) {
      String[] names = side.toArray(String[]::new);
      waiting("one view of " + side).until(() -> net.sameView(names));
    }
  }

  /**
   * How many writes replica {@code name} acknowledged ({@link Reply#isOk()}) that clients sent it
   * while the group was partitioned.
   */
  public long writesAcknowledgedInPartition(String name) {
    return fenced(name).acknowledgedInPartition.get();
  }

  /** How many requests replica {@code name} has answered {@link Reply.Status#UNAVAILABLE}. */
  public long refusals(String name) {
    return fenced(name).refusals.get();
  }

  private synchronized Fenced fenced(String name) {
    Fenced f = live.get(name);
    if (f == null) {
      throw new IllegalArgumentException("no live replica " + name);
    }
    return f;
  }

  /** Sets the fault rates of every link. */
  public void rates(FaultRates rates) {
    net.rates(rates);
  }

  /** Waits until the live replicas share one view of exactly themselves. */
  public void awaitView() {
    String[] names = liveNames().toArray(String[]::new);
    waiting("one view of " + Arrays.toString(names)).until(() -> net.sameView(names));
  }

  /** Waits until every live replica reports the view {@code names} as its members. */
  public void awaitMembers(List<String> names) {
    for (Replica r : live()) {
      waiting("members " + names).until(() -> names.equals(r.members()));
    }
  }

  /** Waits until all live replicas have the same data (and the same dedup table if asked). */
  public void awaitConverged(boolean withDedup) {
    try {
      waiting("replicas converge").until(() -> divergence(withDedup) == null);
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(
          "the replicas did not converge within "
              + WAIT.toSeconds()
              + " s; they differ:\n"
              + divergence(withDedup)
              + "\n"
              + report(),
          e);
    }
  }

  /** Null if the live replicas agree; otherwise the first two states that differ. */
  public String divergence(boolean withDedup) {
    Map<String, Object> states = new LinkedHashMap<>();
    for (Map.Entry<String, Fenced> e : entries()) {
      Snapshot s = e.getValue().snapshot();
      states.put(e.getKey(), withDedup ? s : s.data());
    }
    Map.Entry<String, Object> first = null;
    for (Map.Entry<String, Object> e : states.entrySet()) {
      if (first == null) {
        first = e;
      } else if (!first.getValue().equals(e.getValue())) {
        return first.getKey() + ": " + first.getValue() + "\n" + e.getKey() + ": " + e.getValue();
      }
    }
    return null;
  }

  private synchronized List<Map.Entry<String, Fenced>> entries() {
    return new ArrayList<>(live.entrySet());
  }

  /** What a failure report needs besides the history: the seed, the faults, the honesty note. */
  public String report() {
    return "seed "
        + seed
        + " fixes the workload and the fault decisions on every link, not the thread"
        + " interleavings (real channels, real time): a rerun may take another path.\n"
        + net.log().summary()
        + "\n"
        + net.deliveryReport();
  }

  @Override
  public void close() {
    List<Fenced> all;
    synchronized (this) {
      all = new ArrayList<>(live.values());
    }
    for (Fenced f : all) {
      f.crashed = true;
    }
    for (Fenced f : all) {
      try {
        f.inner.close();
      } catch (RuntimeException e) {
        // closing anyway
      }
    }
    net.close();
  }

  /**
   * A replica whose replies stop reaching anyone once it crashed; counts its refusals and the
   * writes it acknowledges during a partition.
   */
  private final class Fenced implements Replica {
    final Replica inner;
    final AtomicLong acknowledgedInPartition = new AtomicLong();
    final AtomicLong refusals = new AtomicLong();
    volatile boolean crashed;

    Fenced(Replica inner) {
      this.inner = inner;
    }

    @Override
    public void start() throws Exception {
      inner.start();
    }

    @Override
    public Reply execute(Command command) {
      if (crashed) {
        return null;
      }
      boolean inPartition = partitioned;
      Reply reply = inner.execute(command);
      if (crashed || reply == null) {
        return null;
      }
      if (reply.status() == Reply.Status.UNAVAILABLE) {
        refusals.incrementAndGet();
      } else if (inPartition && reply.isOk() && command.isWrite()) {
        acknowledgedInPartition.incrementAndGet();
      }
      return reply;
    }

    @Override
    public Snapshot snapshot() {
      return inner.snapshot();
    }

    @Override
    public List<String> members() {
      return inner.members();
    }

    @Override
    public void close() {
      inner.close();
    }
  }
}
