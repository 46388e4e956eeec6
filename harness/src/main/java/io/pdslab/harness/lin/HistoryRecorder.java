package io.pdslab.harness.lin;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Records a concurrent history of client operations for the {@link LinearizabilityChecker}.
 *
 * <p>Thread-safe: any number of threads may {@link #invoke} and {@link #complete} at once. The
 * clock is injected: the simulator passes its virtual time, real threads or processes pass {@code
 * System::nanoTime}. The clock is read <em>before</em> the operation is registered and
 * <em>after</em> it completed, so the recorded interval always contains the real one (recording
 * only widens intervals, which can hide a violation but never invent one).
 *
 * <pre>{@code
 * var recorder = new HistoryRecorder<KvModel.Op, String>(System::nanoTime);
 * long op = recorder.invoke(client, KvModel.Op.get("x"));
 * String value = store.get("x");
 * recorder.complete(op, value);
 * ...
 * var result = LinearizabilityChecker.check(new KvModel(), recorder.history(), timeout);
 * }</pre>
 *
 * @param <I> model input type
 * @param <O> model output type
 */
public final class HistoryRecorder<I, O> {

  private final LongSupplier clock;
  private final List<Entry<I, O>> entries = new ArrayList<>();

  /**
   * @param clock the time source: virtual time in the simulator, {@code System::nanoTime}
   *     elsewhere; must be monotonic (never decrease)
   */
  public HistoryRecorder(LongSupplier clock) {
    this.clock = clock;
  }

  /**
   * Records that {@code client} invokes an operation now; call it just before the operation starts.
   *
   * @return a handle to pass to {@link #complete}
   */
  public long invoke(int client, I input) {
    long now = clock.getAsLong();
    synchronized (entries) {
      entries.add(new Entry<>(client, input, now));
      return entries.size() - 1;
    }
  }

  /**
   * Records that the operation {@code op} returned {@code output} now; call it just after the
   * result is known. An operation never completed stays pending in the history.
   *
   * @throws IllegalArgumentException if {@code op} is not a handle of this recorder
   * @throws IllegalStateException if the operation was already completed
   */
  public void complete(long op, O output) {
    long now = clock.getAsLong();
    synchronized (entries) {
      if (op < 0 || op >= entries.size()) {
        throw new IllegalArgumentException("unknown operation handle " + op);
      }
      Entry<I, O> entry = entries.get((int) op);
      if (entry.returnTime != Operation.PENDING) {
        throw new IllegalStateException("operation " + op + " completed twice");
      }
      entry.output = output;
      entry.returnTime = Math.max(now, entry.callTime);
    }
  }

  /**
   * A snapshot of the history so far, in invocation order; operations not completed yet have {@code
   * returnTime == Operation.PENDING}.
   */
  public List<Operation<I, O>> history() {
    synchronized (entries) {
      List<Operation<I, O>> ops = new ArrayList<>(entries.size());
      for (Entry<I, O> e : entries) {
        ops.add(new Operation<>(e.client, e.input, e.output, e.callTime, e.returnTime));
      }
      return ops;
    }
  }

  /** Mutable while the operation is open; guarded by the {@code entries} lock. */
  private static final class Entry<I, O> {
    final int client;
    final I input;
    final long callTime;
    O output;
    long returnTime = Operation.PENDING;

    Entry(int client, I input, long callTime) {
      this.client = client;
      this.input = input;
      this.callTime = callTime;
    }
  }
}
