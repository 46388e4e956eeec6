package io.pdslab.harness.sim;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * A seeded random nemesis: one fault at a time among the enabled kinds, on random servers, each
 * repaired after a random duration, then a random quiet gap. Every fault and repair appears in the
 * trace as a {@code nemesis} event followed by the fault's own event.
 *
 * <pre>{@code
 * RandomNemesis.of(sim, Fault.CRASH, Fault.PARTITION).start();
 * sim.runFor(Duration.ofSeconds(30));
 * }</pre>
 */
public final class RandomNemesis {

  /** Kinds of fault the nemesis can inject. */
  public enum Fault {
    /** Crash a server, restart it later. */
    CRASH,
    /** Partition the servers into two random sides, heal later. */
    PARTITION,
    /** Pause a server, resume it later. */
    PAUSE,
    /** Cut a one-way link between two servers, restore it later. */
    LINK_CUT
  }

  private final Simulation sim;
  private final Random random;
  private final List<Fault> faults;
  private long minGapMs = 200;
  private long maxGapMs = 1000;
  private long minFaultMs = 200;
  private long maxFaultMs = 1500;
  private long stopAtMs = Long.MAX_VALUE;

  private RandomNemesis(Simulation sim, Set<Fault> faults) {
    this.sim = sim;
    this.random = sim.nemesisRandom();
    this.faults = new ArrayList<>(faults);
  }

  /** A nemesis mixing the given fault kinds (all kinds if none is given). */
  public static RandomNemesis of(Simulation sim, Fault... faults) {
    return new RandomNemesis(
        sim, faults.length == 0 ? EnumSet.allOf(Fault.class) : EnumSet.of(faults[0], faults));
  }

  /** Quiet time between a repair and the next fault. Default 200–1000 ms. */
  public RandomNemesis gap(Duration min, Duration max) {
    minGapMs = min.toMillis();
    maxGapMs = Math.max(minGapMs, max.toMillis());
    return this;
  }

  /** How long each fault lasts. Default 200–1500 ms. */
  public RandomNemesis faultDuration(Duration min, Duration max) {
    minFaultMs = min.toMillis();
    maxFaultMs = Math.max(minFaultMs, max.toMillis());
    return this;
  }

  /** No new fault starts at or after this virtual time (running faults are still repaired). */
  public RandomNemesis stopAt(Duration time) {
    stopAtMs = time.toMillis();
    return this;
  }

  /** Schedules the first fault after a random gap. */
  public RandomNemesis start() {
    scheduleNext();
    return this;
  }

  private void scheduleNext() {
    long gap = between(minGapMs, maxGapMs);
    if (sim.now() + gap < stopAtMs) {
      sim.scheduleAfter(gap, this::injectOne);
    }
  }

  private void injectOne() {
    List<String> servers = sim.servers();
    if (servers.size() < 2) {
      return;
    }
    Fault fault = faults.get(random.nextInt(faults.size()));
    String a = servers.get(random.nextInt(servers.size()));
    String b = servers.get(random.nextInt(servers.size()));
    Duration lasting = Duration.ofMillis(between(minFaultMs, maxFaultMs));
    switch (fault) {
      case CRASH -> {
        sim.traceNemesis("random nemesis: crash " + a);
        sim.crash(a);
        sim.after(lasting, "random nemesis: restart " + a, () -> repair(() -> sim.restart(a)));
      }
      case PAUSE -> {
        sim.traceNemesis("random nemesis: pause " + a);
        sim.pause(a);
        sim.after(lasting, "random nemesis: resume " + a, () -> repair(() -> sim.resume(a)));
      }
      case PARTITION -> {
        List<String> left = new ArrayList<>();
        List<String> right = new ArrayList<>();
        for (String s : servers) {
          (random.nextBoolean() ? left : right).add(s);
        }
        if (left.isEmpty() || right.isEmpty()) {
          left.clear();
          right.clear();
          left.add(a);
          servers.stream().filter(s -> !s.equals(a)).forEach(right::add);
        }
        sim.traceNemesis("random nemesis: partition " + left + " | " + right);
        sim.partition(left, right);
        sim.after(lasting, "random nemesis: heal", () -> repair(sim::heal));
      }
      case LINK_CUT -> {
        String to = a.equals(b) ? servers.get((servers.indexOf(a) + 1) % servers.size()) : b;
        sim.traceNemesis("random nemesis: cut link " + a + "->" + to);
        sim.cutLink(a, to);
        sim.after(
            lasting,
            "random nemesis: restore link " + a + "->" + to,
            () -> repair(() -> sim.restoreLink(a, to)));
      }
    }
  }

  private void repair(Runnable action) {
    action.run();
    scheduleNext();
  }

  private long between(long min, long max) {
    return min + (long) (random.nextDouble() * (max - min + 1));
  }
}
