package io.pdslab.harness.cluster;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Injects faults into a running cluster, one at a time so that a majority stays up: it kills a node
 * with SIGKILL and restarts it from its saved state a little later, freezes it with SIGSTOP and
 * resumes it with SIGCONT, or cuts a minority of the servers off from the rest for a few seconds.
 * After a restart it waits until the node has rejoined. The schedule comes from a seeded random
 * source; the outcome of a real cluster is not reproducible, but the faults it was given are.
 */
final class Nemesis implements Runnable {
  /** Longest wait for a restarted node to be listed again before the next fault. */
  private static final long REJOIN_MS = 60_000;

  private final NodeSet nodes;
  private final java.util.function.Consumer<String> events;
  private final List<NemesisFault> faults;
  private final Random random;
  private volatile boolean stopping;
  private volatile int injected; // written by the nemesis thread only, read by others
  private volatile String failure;

  Nemesis(
      NodeSet nodes,
      java.util.function.Consumer<String> events,
      List<NemesisFault> faults,
      Random random) {
    this.nodes = nodes;
    this.events = events;
    this.faults = List.copyOf(faults);
    this.random = random;
  }

  /** Faults injected so far. */
  int injected() {
    return injected;
  }

  /**
   * Why the nemesis stopped before it was asked to (a node it could not kill, pause or cut off), or
   * null: a run whose faults were not all injected must not pass as one that survived them.
   */
  String failure() {
    return failure;
  }

  /** Asks the nemesis to heal the current fault at once and stop. */
  void stop() {
    stopping = true;
  }

  @Override
  public void run() {
    List<String> ids = nodes.ids();
    try {
      while (!pause(1000 + random.nextInt(2000))) {
        String id = ids.get(random.nextInt(ids.size()));
        NemesisFault fault = faults.get(random.nextInt(faults.size()));
        injected++;
        switch (fault) {
          case KILL -> {
            nodes.kill(id);
            pause(500 + random.nextInt(1500));
            nodes.restart(id);
            awaitRejoined(id);
          }
          case PAUSE -> {
            nodes.pause(id);
            pause(500 + random.nextInt(2500));
            nodes.resume(id);
          }
          case PARTITION -> {
            nodes.partition(minority(ids));
            pause(1000 + random.nextInt(3000));
            nodes.heal();
          }
        }
      }
    } catch (IOException e) {
      failure = "the nemesis could not inject its fault: " + e.getMessage();
      events.accept(failure);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A random minority of {@code ids} (one node of two or three, one or two of five). */
  private List<String> minority(List<String> ids) {
    List<String> shuffled = new ArrayList<>(ids);
    Collections.shuffle(shuffled, random);
    int size = 1 + random.nextInt(Math.max(1, (ids.size() - 1) / 2));
    return shuffled.subList(0, size).stream().sorted().toList();
  }

  /**
   * Waits until the restarted node serves again, so that the next fault does not take a second node
   * of a majority down while this one is still starting.
   */
  private void awaitRejoined(String id) throws InterruptedException {
    long start = System.nanoTime();
    long deadline = start + REJOIN_MS * 1_000_000;
    while (!stopping && System.nanoTime() < deadline) {
      if (nodes.isReady(id)) {
        events.accept(
            String.format(
                "%s rejoined, %.1f s after its restart", id, (System.nanoTime() - start) / 1e9));
        return;
      }
      Thread.sleep(50);
    }
    if (!stopping) {
      events.accept(id + " did not serve again within " + REJOIN_MS / 1000 + " s of its restart");
    }
  }

  /** Sleeps up to {@code ms}, cut short by {@link #stop}; returns whether stopping. */
  private boolean pause(long ms) throws InterruptedException {
    long end = System.nanoTime() + ms * 1_000_000;
    while (!stopping && System.nanoTime() < end) {
      Thread.sleep(Math.min(50, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
    }
    return stopping;
  }
}
