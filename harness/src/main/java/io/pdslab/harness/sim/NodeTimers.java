package io.pdslab.harness.sim;

import io.pdslab.harness.trace.TraceEvent;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The timers of one node, by key. Starting a timer under a key replaces the previous one; every
 * start gets a new generation, so a replaced, cancelled or crashed timer's pending firing finds a
 * different generation and does nothing. Timers due while the node is paused wait for its resume.
 */
final class NodeTimers {
  private final Kernel kernel;
  private final SimNode node;
  private final Map<Object, Timer> timers = new HashMap<>();
  private final Map<Object, Long> held = new LinkedHashMap<>();
  // Never reset, not even by a crash: a pending firing from before must not match a new timer.
  private long nextGeneration;

  private record Timer(long generation, Object message, long period) {}

  NodeTimers(Kernel kernel, SimNode node) {
    this.kernel = kernel;
    this.node = node;
  }

  void start(Object key, Object message, long initialDelay, long period) {
    long generation = nextGeneration++;
    timers.put(key, new Timer(generation, message, period));
    kernel.loop().after(Math.max(0, initialDelay), () -> due(key, generation));
  }

  void cancel(Object key) {
    timers.remove(key);
    held.remove(key);
  }

  /** At a crash: every timer is gone. */
  void clear() {
    timers.clear();
    held.clear();
  }

  /** At a resume: fires, in the order they came due, the timers held while paused. */
  void fireHeld() {
    Map<Object, Long> due = new LinkedHashMap<>(held);
    held.clear();
    due.forEach(this::fire);
  }

  private void due(Object key, long generation) {
    Timer t = timers.get(key);
    if (t == null || t.generation != generation || node.status() == SimNode.Status.CRASHED) {
      return; // replaced, cancelled, or from a crashed incarnation
    }
    if (node.status() == SimNode.Status.PAUSED) {
      held.put(key, generation);
      return;
    }
    fire(key, generation);
  }

  private void fire(Object key, long generation) {
    Timer t = timers.get(key);
    if (t == null || t.generation != generation || node.status() != SimNode.Status.UP) {
      return;
    }
    if (t.period > 0) {
      kernel.loop().after(t.period, () -> due(key, generation));
    } else {
      timers.remove(key);
    }
    String type = t.message == null ? null : Transport.typeOf(t.message);
    kernel.trace().record(TraceEvent.timer(node.id(), String.valueOf(key), type));
    kernel.loop().countStep("timer:" + key);
    node.handle("timer " + key, () -> node.runtime().fireTimer(key, t.message));
  }
}
