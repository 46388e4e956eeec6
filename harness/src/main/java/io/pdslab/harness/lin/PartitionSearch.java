package io.pdslab.harness.lin;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Wing–Gong / Lowe depth-first search over one partition of a history.
 *
 * <p>The call and return events of completed operations sit in a doubly linked list in time order.
 * The search walks it: at a call it tries to linearise that operation next (the model must accept
 * it and the (linearised set, state) pair must be new), lifting its events out of the list; at a
 * return (an operation that must already have taken effect) it tries the pending operations called
 * before that return, then backtracks.
 *
 * <p>Pending operations (no return) may take effect at any point after their call, or never, so
 * they live in a second list, are tried only after every completed candidate, and the search
 * succeeds as soon as every completed operation is linearised. Trying them last finds a witness
 * without enumerating where each pending write might go; the set of candidates at each step is the
 * same as in the textbook algorithm, so violations are still found.
 */
final class PartitionSearch<S, I, O> {

  /** How many loop iterations between two looks at the clock. */
  private static final int CLOCK_EVERY = 1024;

  private final Model<S, I, O> model;
  private final List<Operation<I, O>> ops;
  private final int n;
  private final boolean[] pending;

  /** Completed operations the model calls read-only (pending ones never count). */
  private final boolean[] readOnly;

  private final long[] callTime;
  private final long[] returnTime;

  /**
   * Event nodes: call of op i is node i, its return is node n + i; node 2n heads the list of
   * completed operations' events, node 2n + 1 the list of pending operations' calls.
   */
  private final int[] next;

  private final int[] prev;
  private final int head;
  private final int pendingHead;
  private final long[] zobrist;

  /** Bit of each operation in the completed or the pending bitset. */
  private final int[] bit;

  private final int pendingCount;

  private int[] bestOrder = new int[0];
  private S bestState;

  // The search's position, kept between calls to resume(): the linearised operations as a stack
  // (each with the pending-candidate limit and the state before it), the bitsets and their hash,
  // the current state and the event the walk is at.
  private MemoTable memo;
  private long[] bits;
  private long[] pendingBits;
  private long bitsHash;
  private int[] stackOps;
  private long[] stackLimits;
  private boolean[] stackForced;
  private Object[] stackStates;
  private int depth;
  private S state;
  private int cursor;
  private int remainingReturns;

  /**
   * Whether the walk is in the pending list; it moves there when the walk of the completed list
   * reaches a return, and pending operations called up to that return's time ({@code limit}) are
   * candidates.
   */
  private boolean inPending;

  private long limit;
  private String note;
  private long totalSteps;

  PartitionSearch(Model<S, I, O> model, List<Operation<I, O>> ops) {
    this.model = model;
    this.ops = ops;
    this.n = ops.size();
    this.head = 2 * n;
    this.pendingHead = 2 * n + 1;
    this.next = new int[2 * n + 2];
    this.prev = new int[2 * n + 2];
    this.pending = new boolean[n];
    this.readOnly = new boolean[n];
    this.callTime = new long[n];
    this.returnTime = new long[n];
    this.zobrist = new long[n];
    this.bit = new int[n];
    SplittableRandom random = new SplittableRandom(0x9E3779B97F4A7C15L);
    int completedBits = 0;
    int pendingBits = 0;
    for (int i = 0; i < n; i++) {
      Operation<I, O> op = ops.get(i);
      pending[i] = op.isPending();
      readOnly[i] = !pending[i] && model.isReadOnly(op.input(), op.output());
      callTime[i] = op.callTime();
      returnTime[i] = op.returnTime();
      zobrist[i] = pending[i] ? 0 : random.nextLong();
      bit[i] = pending[i] ? pendingBits++ : completedBits++;
    }
    this.pendingCount = pendingBits;
    linkEventsInTimeOrder();
  }

  private long time(int node) {
    return node < n ? callTime[node] : returnTime[node - n];
  }

  private void linkEventsInTimeOrder() {
    List<Integer> events = new ArrayList<>(2 * n);
    List<Integer> pendingCalls = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (pending[i]) {
        pendingCalls.add(i);
      } else {
        events.add(i);
        events.add(n + i);
      }
    }
    // At equal times calls come first: touching intervals count as concurrent, so the checker
    // never reports a violation that depends on how ties were recorded.
    events.sort(
        (a, b) -> {
          int c = Long.compare(time(a), time(b));
          if (c != 0) {
            return c;
          }
          c = Boolean.compare(a >= n, b >= n);
          return c != 0 ? c : Integer.compare(a, b);
        });
    pendingCalls.sort((a, b) -> Long.compare(callTime[a], callTime[b]));
    link(head, events);
    link(pendingHead, pendingCalls);
  }

  private void link(int listHead, List<Integer> nodes) {
    int last = listHead;
    for (int node : nodes) {
      next[last] = node;
      prev[node] = last;
      last = node;
    }
    next[last] = -1;
  }

  /**
   * Continues the search for at most about {@code steps} candidate tries.
   *
   * @return LINEARIZABLE, VIOLATION, UNKNOWN (with the reason in {@link #note()}), or {@code null}
   *     when the steps ran out first: call again to go on from where it stopped
   */
  Verdict resume(long steps, long deadlineNanos, long maxMemoEntries, AtomicBoolean cancelled) {
    if (memo == null) {
      start(maxMemoEntries);
      if (remainingReturns == 0) {
        return Verdict.LINEARIZABLE;
      }
    }
    for (long step = 1; ; step++, totalSteps++) {
      if (step % CLOCK_EVERY == 0) {
        if (System.nanoTime() - deadlineNanos > 0) {
          note = "time budget spent after " + memo.size() + " states";
          return Verdict.UNKNOWN;
        }
        if (cancelled.get()) {
          note = "cancelled";
          return Verdict.UNKNOWN;
        }
        if (step >= steps) {
          return null;
        }
      }
      if (!inPending && cursor >= n) {
        inPending = true;
        limit = returnTime[cursor - n];
        cursor = next[pendingHead];
      }
      if (inPending && (cursor < 0 || callTime[cursor] > limit)) {
        // No candidate left here: backtrack, past every frame that was the only choice.
        int undone;
        do {
          if (depth == 0) {
            return Verdict.VIOLATION;
          }
          undone = undo();
        } while (stackForced[depth]);
        cursor = next[undone];
        continue;
      }
      Operation<I, O> op = ops.get(cursor);
      S after = model.step(state, op.input(), op.output());
      if (after != null) {
        // A read-only operation that fits here can take effect here in some witness if it can
        // anywhere: moving it earlier changes no state, and real time asks nothing more of it
        // (everything that returned before its call is already placed). So it is the only
        // choice tried at this point.
        boolean forced = readOnly[cursor];
        flip(cursor, bits, pendingBits);
        long hash = bitsHash ^ zobrist[cursor];
        if (memo.full()) {
          note = "memory budget spent after " + memo.size() + " states";
          return Verdict.UNKNOWN;
        }
        if (memo.add(hash ^ (after.hashCode() * 0x9E3779B97F4A7C15L), bits, after, pendingBits)) {
          bitsHash = hash;
          stackOps[depth] = cursor;
          stackLimits[depth] = limit;
          stackForced[depth] = forced;
          stackStates[depth++] = state;
          state = after;
          lift(cursor);
          if (!pending[cursor] && --remainingReturns == 0) {
            return Verdict.LINEARIZABLE;
          }
          if (depth > bestOrder.length) {
            bestOrder = Arrays.copyOf(stackOps, depth);
            bestState = state;
          }
          cursor = next[head];
          inPending = false;
          continue;
        }
        flip(cursor, bits, pendingBits);
        if (forced) {
          // Seen before, so it failed; and it was the only choice here: backtrack.
          cursor = -1;
          inPending = true;
          continue;
        }
      }
      cursor = next[cursor];
    }
  }

  /** Candidate tries so far, over every call to {@link #resume}: the search's cost, untimed. */
  long steps() {
    return totalSteps;
  }

  /** Why the last {@link #resume} answered UNKNOWN. */
  String note() {
    return note;
  }

  private void start(long maxMemoEntries) {
    for (int i = 0; i < n; i++) {
      if (!pending[i]) {
        remainingReturns++;
      }
    }
    bits = new long[(n - pendingCount + 63) >>> 6];
    int pendingWords = (pendingCount + 63) >>> 6;
    pendingBits = new long[pendingWords];
    memo = new MemoTable(pendingWords, maxMemoEntries);
    stackOps = new int[n];
    stackLimits = new long[n];
    stackForced = new boolean[n];
    stackStates = new Object[n];
    state = model.init();
    bestState = state;
    cursor = next[head];
  }

  /** Pops the last linearised operation, restoring the state before it; returns the operation. */
  private int undo() {
    int undone = stackOps[--depth];
    @SuppressWarnings("unchecked")
    S previous = (S) stackStates[depth];
    stackStates[depth] = null;
    state = previous;
    flip(undone, bits, pendingBits);
    bitsHash ^= zobrist[undone];
    unlift(undone);
    if (pending[undone]) {
      inPending = true;
      limit = stackLimits[depth];
    } else {
      remainingReturns++;
      inPending = false;
    }
    return undone;
  }

  /** Toggles the operation's bit in the completed or the pending bitset. */
  private void flip(int op, long[] bits, long[] pendingBits) {
    int b = bit[op];
    long[] set = pending[op] ? pendingBits : bits;
    set[b >>> 6] ^= 1L << b;
  }

  private void lift(int op) {
    unlink(op);
    if (!pending[op]) {
      unlink(n + op);
    }
  }

  private void unlift(int op) {
    if (!pending[op]) {
      relink(n + op);
    }
    relink(op);
  }

  private void unlink(int node) {
    next[prev[node]] = next[node];
    if (next[node] >= 0) {
      prev[next[node]] = prev[node];
    }
  }

  private void relink(int node) {
    next[prev[node]] = node;
    if (next[node] >= 0) {
      prev[next[node]] = node;
    }
  }

  /** After a VIOLATION: the longest prefix found and why nothing extends it. */
  Explanation<I, O> explain(Object partition) {
    List<String> descriptions = new ArrayList<>(n);
    for (Operation<I, O> op : ops) {
      descriptions.add(model.describeOperation(op.input(), op.output()));
    }
    boolean[] done = new boolean[n];
    List<Integer> prefix = new ArrayList<>(bestOrder.length);
    for (int op : bestOrder) {
      done[op] = true;
      prefix.add(op);
    }
    int deadline = -1;
    for (int i = 0; i < n; i++) {
      Operation<I, O> op = ops.get(i);
      if (!done[i]
          && !op.isPending()
          && (deadline < 0 || op.returnTime() < ops.get(deadline).returnTime())) {
        deadline = i;
      }
    }
    List<Explanation.Candidate> candidates = new ArrayList<>();
    long limit = deadline < 0 ? Long.MAX_VALUE : ops.get(deadline).returnTime();
    for (int i = 0; i < n; i++) {
      Operation<I, O> op = ops.get(i);
      if (!done[i] && op.callTime() <= limit) {
        boolean legal = model.step(bestState, op.input(), op.output()) != null;
        candidates.add(new Explanation.Candidate(i, legal));
      }
    }
    return new Explanation<>(
        partition,
        List.copyOf(ops),
        List.copyOf(descriptions),
        List.copyOf(prefix),
        model.describeState(bestState),
        List.copyOf(candidates),
        deadline);
  }
}
