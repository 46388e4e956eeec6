package io.pdslab.harness.lin;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Decides whether a concurrent history is linearizable with respect to a {@link Model}.
 *
 * <p>The history is split into the model's partitions (P-compositionality), each searched on its
 * own, in parallel, by a Wing–Gong / Lowe depth-first search that memoises (linearised set, state)
 * pairs. The search never hangs and never exhausts the heap: past the time budget or the memo
 * budget it answers {@link Verdict#UNKNOWN}.
 *
 * <pre>{@code
 * CheckResult<KvModel.Input, String> result =
 *     LinearizabilityChecker.check(new KvModel(), recorder.history(), Duration.ofSeconds(5));
 * assertTrue(result.isLinearizable(), result::toText);
 * }</pre>
 */
public final class LinearizabilityChecker {

  /** Bytes of heap one memo entry costs beyond its bitset, a conservative estimate. */
  private static final long ENTRY_OVERHEAD_BYTES = 64;

  private LinearizabilityChecker() {}

  /**
   * Checks {@code history} within {@code timeout}, using at most a quarter of the free heap for
   * memoisation.
   */
  public static <S, I, O> CheckResult<I, O> check(
      Model<S, I, O> model, List<Operation<I, O>> history, Duration timeout) {
    Runtime rt = Runtime.getRuntime();
    long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
    return check(model, history, timeout, free / 4);
  }

  /**
   * Checks {@code history} within {@code timeout}, using at most about {@code memoBytes} of heap
   * for memoisation across all partitions.
   */
  public static <S, I, O> CheckResult<I, O> check(
      Model<S, I, O> model, List<Operation<I, O>> history, Duration timeout, long memoBytes) {
    long start = System.nanoTime();
    long deadline = start + timeout.toNanos();
    List<Object> keys = new ArrayList<>();
    List<List<Operation<I, O>>> parts = partition(model, history, keys);
    int count = parts.size();
    Verdict[] verdicts = new Verdict[count];
    String[] notes = new String[count];
    @SuppressWarnings("unchecked")
    PartitionSearch<S, I, O>[] searches = new PartitionSearch[count];
    AtomicBoolean[] cancel = new AtomicBoolean[count];
    for (int p = 0; p < count; p++) {
      cancel[p] = new AtomicBoolean();
    }
    AtomicInteger nextPart = new AtomicInteger();
    AtomicReference<RuntimeException> failure = new AtomicReference<>();
    Runnable worker =
        () -> {
          for (int p; (p = nextPart.getAndIncrement()) < count; ) {
            List<Operation<I, O>> ops = parts.get(p);
            long words = (ops.size() + 63) / 64;
            long maxEntries =
                Math.max(1024, memoBytes / count / (ENTRY_OVERHEAD_BYTES + 8 * words));
            String[] note = new String[1];
            Verdict v;
            try {
              searches[p] = new PartitionSearch<>(model, ops);
              v = searches[p].run(deadline, maxEntries, cancel[p], note);
            } catch (RuntimeException e) {
              failure.compareAndSet(null, e);
              return;
            } catch (OutOfMemoryError e) {
              searches[p] = null;
              v = Verdict.UNKNOWN;
              note[0] = "out of memory";
            }
            verdicts[p] = v;
            notes[p] = note[0];
            if (v == Verdict.VIOLATION) {
              // Later partitions cannot change the verdict; earlier ones still run, so the
              // explanation reported is always the first violating partition's.
              for (int q = p + 1; q < count; q++) {
                cancel[q].set(true);
              }
            }
          }
        };
    runInParallel(worker, Math.min(count, Runtime.getRuntime().availableProcessors()));
    if (failure.get() != null) {
      throw failure.get(); // a model bug, e.g. a step that throws
    }

    Verdict verdict = Verdict.LINEARIZABLE;
    Explanation<I, O> explanation = null;
    String reason = "";
    for (int p = 0; p < count; p++) {
      if (verdicts[p] == Verdict.VIOLATION) {
        verdict = Verdict.VIOLATION;
        explanation = searches[p].explain(keys.get(p));
        reason = "";
        break;
      }
      if (verdicts[p] == Verdict.UNKNOWN && verdict == Verdict.LINEARIZABLE) {
        verdict = Verdict.UNKNOWN;
        reason = notes[p] + (keys.get(p) == null ? "" : " in partition " + keys.get(p));
      }
    }
    return new CheckResult<>(
        verdict,
        Optional.ofNullable(explanation),
        history.size(),
        Duration.ofNanos(System.nanoTime() - start),
        reason);
  }

  /** Splits the history by {@link Model#partition}, keeping call order inside each part. */
  private static <S, I, O> List<List<Operation<I, O>>> partition(
      Model<S, I, O> model, List<Operation<I, O>> history, List<Object> keys) {
    List<Operation<I, O>> sorted = new ArrayList<>(history);
    sorted.sort((a, b) -> Long.compare(a.callTime(), b.callTime()));
    Map<Object, List<Operation<I, O>>> byKey = new LinkedHashMap<>();
    for (Operation<I, O> op : sorted) {
      byKey.computeIfAbsent(model.partition(op.input()), k -> new ArrayList<>()).add(op);
    }
    keys.addAll(byKey.keySet());
    return new ArrayList<>(byKey.values());
  }

  /** Runs {@code worker} on the calling thread and {@code threads - 1} helper threads. */
  private static void runInParallel(Runnable worker, int threads) {
    if (threads <= 1) {
      worker.run();
      return;
    }
    CountDownLatch helpersDone = new CountDownLatch(threads - 1);
    for (int t = 1; t < threads; t++) {
      Thread helper =
          new Thread(
              () -> {
                try {
                  worker.run();
                } finally {
                  helpersDone.countDown();
                }
              },
              "lin-check-" + t);
      helper.setDaemon(true);
      helper.start();
    }
    worker.run();
    try {
      helpersDone.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while checking", e);
    }
  }
}
