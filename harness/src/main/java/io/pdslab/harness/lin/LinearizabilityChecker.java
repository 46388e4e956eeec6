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
 * own by a Wing–Gong / Lowe depth-first search that memoises (linearised set, state) pairs and
 * places read-only operations ({@link Model#isReadOnly}) without branching. Partitions are searched
 * side by side, in rounds of a growing number of steps, so one partition that fails quickly answers
 * for the whole history even when another would take minutes to decide. The search never hangs and
 * never exhausts the heap: past the time budget or the memo budget it answers {@link
 * Verdict#UNKNOWN}.
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

  /**
   * A step budget per partition for {@link #checkWithinSteps}: histories of simulated runs are
   * decided in far fewer steps; a pathological one stops here after seconds to a minute.
   */
  public static final long DEFAULT_STEP_BUDGET = 1L << 26;

  /**
   * The memo budget of {@link #checkWithinSteps}: a constant rather than a share of the free heap,
   * which depends on when the garbage collector last ran, so that the verdict (which is {@link
   * Verdict#UNKNOWN} once the memo is full) depends on the history and the step budget alone. It
   * fits the smallest heap the grader gives a lab's tests (512 MB).
   */
  public static final long STEPS_MEMO_BYTES = 96L << 20;

  /** Steps each partition gets in the first round; each later round doubles them. */
  private static final long FIRST_ROUND_STEPS = 1 << 14;

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
    return check(model, history, start + timeout.toNanos(), Long.MAX_VALUE, memoBytes, start);
  }

  /**
   * Checks {@code history} within a budget of search steps per partition instead of a time budget,
   * so that the verdict does not depend on how busy the machine is: what a test of a deterministic
   * simulation needs, where the same seed must give the same result on a laptop and on a loaded
   * grading server. Past the budget the verdict is {@link Verdict#UNKNOWN}.
   */
  public static <S, I, O> CheckResult<I, O> checkWithinSteps(
      Model<S, I, O> model, List<Operation<I, O>> history, long stepsPerPartition) {
    long start = System.nanoTime();
    return check(model, history, Long.MAX_VALUE, stepsPerPartition, STEPS_MEMO_BYTES, start);
  }

  private static <S, I, O> CheckResult<I, O> check(
      Model<S, I, O> model,
      List<Operation<I, O>> history,
      long deadline,
      long maxSteps,
      long memoBytes,
      long start) {
    List<Object> keys = new ArrayList<>();
    List<List<Operation<I, O>>> parts = partition(model, history, keys);
    int count = parts.size();
    @SuppressWarnings("unchecked")
    PartitionSearch<S, I, O>[] searches = new PartitionSearch[count];
    Verdict[] verdicts = new Verdict[count];
    int violating = searchInRounds(model, parts, searches, verdicts, deadline, maxSteps, memoBytes);

    Verdict verdict = Verdict.LINEARIZABLE;
    Explanation<I, O> explanation = null;
    String reason = "";
    if (violating >= 0) {
      verdict = Verdict.VIOLATION;
      explanation = searches[violating].explain(keys.get(violating));
    } else {
      for (int p = 0; p < count; p++) {
        if (verdicts[p] == Verdict.UNKNOWN) {
          verdict = Verdict.UNKNOWN;
          String note =
              searches[p] == null
                  ? "out of memory"
                  : searches[p].note() == null
                      ? "search step budget of " + maxSteps + " spent"
                      : searches[p].note();
          reason = note + (keys.get(p) == null ? "" : " in partition " + keys.get(p));
          break;
        }
      }
    }
    return new CheckResult<>(
        verdict,
        Optional.ofNullable(explanation),
        history.size(),
        Duration.ofNanos(System.nanoTime() - start),
        reason);
  }

  /**
   * Searches every partition, in rounds: each round gives every undecided partition the same number
   * of steps, twice as many as the round before, spread over the processors. A violation in any
   * partition answers for the whole history, so the search stops at the end of the first round that
   * finds one, without waiting for partitions that are slow to decide (a partition with many
   * concurrent writes can take minutes where another fails in milliseconds). Counting steps rather
   * than time keeps the reported partition the same from run to run: the lowest-numbered one that
   * fails within that round.
   *
   * @return the index of the violating partition reported, or -1 if none
   */
  private static <S, I, O> int searchInRounds(
      Model<S, I, O> model,
      List<List<Operation<I, O>>> parts,
      PartitionSearch<S, I, O>[] searches,
      Verdict[] verdicts,
      long deadline,
      long maxSteps,
      long memoBytes) {
    int count = parts.size();
    List<Integer> undecided = new ArrayList<>(count);
    for (int p = 0; p < count; p++) {
      undecided.add(p);
    }
    AtomicReference<RuntimeException> failure = new AtomicReference<>();
    long spent = 0;
    for (long steps = FIRST_ROUND_STEPS; !undecided.isEmpty(); steps *= 2) {
      if (spent >= maxSteps) {
        undecided.forEach(p -> verdicts[p] = Verdict.UNKNOWN);
        break;
      }
      long roundSteps = Math.min(steps, maxSteps - spent);
      spent += roundSteps;
      List<Integer> round = undecided;
      AtomicInteger next = new AtomicInteger();
      AtomicInteger firstViolation = new AtomicInteger(Integer.MAX_VALUE);
      AtomicBoolean[] cancel = new AtomicBoolean[round.size()];
      for (int k = 0; k < cancel.length; k++) {
        cancel[k] = new AtomicBoolean();
      }
      Runnable worker =
          () -> {
            for (int k; (k = next.getAndIncrement()) < round.size(); ) {
              if (k > firstViolation.get() || failure.get() != null) {
                continue; // a lower-numbered partition already decided the round
              }
              int p = round.get(k);
              Verdict v;
              try {
                if (searches[p] == null) {
                  searches[p] = new PartitionSearch<>(model, parts.get(p));
                }
                v =
                    searches[p].resume(
                        roundSteps, deadline, memoEntries(parts, p, memoBytes), cancel[k]);
              } catch (RuntimeException e) {
                failure.compareAndSet(null, e);
                return;
              } catch (OutOfMemoryError e) {
                searches[p] = null;
                v = Verdict.UNKNOWN;
              }
              verdicts[p] = v;
              if (v == Verdict.VIOLATION) {
                firstViolation.accumulateAndGet(k, Math::min);
                for (int q = k + 1; q < cancel.length; q++) {
                  cancel[q].set(true);
                }
              }
            }
          };
      runInParallel(worker, Math.min(round.size(), Runtime.getRuntime().availableProcessors()));
      if (failure.get() != null) {
        throw failure.get(); // a model bug, e.g. a step that throws
      }
      if (firstViolation.get() != Integer.MAX_VALUE) {
        return round.get(firstViolation.get());
      }
      undecided = new ArrayList<>();
      for (int p : round) {
        if (verdicts[p] == null) {
          undecided.add(p);
        }
      }
    }
    return -1;
  }

  /** Partition {@code p}'s share of the memo budget, in entries. */
  private static <I, O> long memoEntries(List<List<Operation<I, O>>> parts, int p, long memoBytes) {
    long words = (parts.get(p).size() + 63) / 64;
    return Math.max(1024, memoBytes / parts.size() / (ENTRY_OVERHEAD_BYTES + 8 * words));
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
