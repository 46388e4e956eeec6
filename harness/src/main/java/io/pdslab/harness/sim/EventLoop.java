package io.pdslab.harness.sim;

import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * The discrete-event scheduler: actions due at virtual times, run in (time, scheduling order), with
 * a step budget per run call that turns a livelock into a failure naming the busiest event types.
 */
final class EventLoop {
  static final long DEFAULT_STEP_BUDGET = 2_000_000;

  private final VirtualClock clock;
  private final Failures failures;
  private final PriorityQueue<Event> queue = new PriorityQueue<>();

  /**
   * Events per message or timer type in the current run call, for the livelock report; a mutable
   * count per type, as this is updated on every step.
   */
  private final Map<String, long[]> runStepCounts = new HashMap<>();

  private long stepBudget = DEFAULT_STEP_BUDGET;
  private long nextEventSeq;

  /** An action due at a virtual time; events due at the same time run in scheduling order. */
  private record Event(long time, long seq, Runnable action) implements Comparable<Event> {
    @Override
    public int compareTo(Event other) {
      // Written out rather than a composed Comparator: the queue compares on every step.
      return time != other.time ? Long.compare(time, other.time) : Long.compare(seq, other.seq);
    }
  }

  EventLoop(VirtualClock clock, Failures failures) {
    this.clock = clock;
    this.failures = failures;
  }

  /** Runs {@code action} at virtual time {@code time}. */
  void at(long time, Runnable action) {
    queue.add(new Event(time, nextEventSeq++, action));
  }

  /** Runs {@code action} {@code delayMs} from now. */
  void after(long delayMs, Runnable action) {
    at(clock.now() + delayMs, action);
  }

  void stepBudget(long events) {
    this.stepBudget = events;
  }

  /** Counts one event of {@code type} (a message type or {@code timer:<key>}) for the report. */
  void countStep(String type) {
    runStepCounts.computeIfAbsent(type, k -> new long[1])[0]++;
  }

  /**
   * Runs events due until {@code deadline} while {@code condition} does not hold, calling {@code
   * afterEachEvent} after each; returns whether the condition holds. Without an event due by the
   * deadline, time moves to the deadline.
   */
  boolean runUntil(long deadline, BooleanSupplier condition, Runnable afterEachEvent) {
    runStepCounts.clear();
    long steps = 0;
    long startedAt = clock.now();
    while (!condition.getAsBoolean()) {
      Event next = queue.peek();
      if (next == null || next.time > deadline) {
        clock.advanceTo(Math.max(clock.now(), deadline));
        return condition.getAsBoolean();
      }
      if (++steps > stepBudget) {
        throw failures.fail(budgetMessage(startedAt), null);
      }
      queue.poll();
      clock.advanceTo(next.time);
      next.action.run();
      afterEachEvent.run();
    }
    return true;
  }

  private String budgetMessage(long startedAt) {
    String busiest =
        runStepCounts.entrySet().stream()
            // Ties by name: the report goes into the trace, which must not depend on hash order.
            .sorted(
                Comparator.comparingLong((Map.Entry<String, long[]> e) -> e.getValue()[0])
                    .reversed()
                    .thenComparing(Map.Entry.comparingByKey()))
            .limit(5)
            .map(e -> e.getKey() + "=" + e.getValue()[0])
            .collect(Collectors.joining(", "));
    return "step budget of "
        + stepBudget
        + " events exhausted at virtual time "
        + clock.now()
        + " ms (run started at "
        + startedAt
        + " ms): livelock? busiest message and timer types: "
        + busiest;
  }
}
