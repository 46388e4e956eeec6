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

  PartitionSearch(Model<S, I, O> model, List<Operation<I, O>> ops) {
    this.model = model;
    this.ops = ops;
    this.n = ops.size();
    this.head = 2 * n;
    this.pendingHead = 2 * n + 1;
    this.next = new int[2 * n + 2];
    this.prev = new int[2 * n + 2];
    this.pending = new boolean[n];
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

  /** Runs the search; returns LINEARIZABLE, VIOLATION or UNKNOWN (with the reason in a note). */
  Verdict run(long deadlineNanos, long maxMemoEntries, AtomicBoolean cancelled, String[] note) {
    int remainingReturns = 0;
    for (int i = 0; i < n; i++) {
      if (!pending[i]) {
        remainingReturns++;
      }
    }
    if (remainingReturns == 0) {
      return Verdict.LINEARIZABLE;
    }
    long[] bits = new long[(n - pendingCount + 63) >>> 6];
    int pendingWords = (pendingCount + 63) >>> 6;
    long[] pendingBits = new long[pendingWords];
    long bitsHash = 0;
    MemoTable memo = new MemoTable(pendingWords, maxMemoEntries);
    int[] stackOps = new int[n];
    long[] stackLimits = new long[n];
    Object[] stackStates = new Object[n];
    int depth = 0;
    S state = model.init();
    bestState = state;
    int cursor = next[head];
    // Phase 2 (cursor in the pending list) starts when the walk of the completed list reaches a
    // return; pending operations called up to that return's time are candidates.
    boolean inPending = false;
    long limit = 0;
    long steps = 0;
    while (true) {
      if (++steps % CLOCK_EVERY == 0) {
        if (System.nanoTime() - deadlineNanos > 0) {
          note[0] = "time budget spent after " + memo.size() + " states";
          return Verdict.UNKNOWN;
        }
        if (cancelled.get()) {
          note[0] = "cancelled";
          return Verdict.UNKNOWN;
        }
      }
      if (!inPending && cursor >= n) {
        inPending = true;
        limit = returnTime[cursor - n];
        cursor = next[pendingHead];
      }
      if (inPending && (cursor < 0 || callTime[cursor] > limit)) {
        // No candidate left here: backtrack.
        if (depth == 0) {
          return Verdict.VIOLATION;
        }
        int undone = stackOps[--depth];
        @SuppressWarnings("unchecked")
        S previous = (S) stackStates[depth];
        stackStates[depth] = null;
        state = previous;
        flip(undone, bits, pendingBits);
        bitsHash ^= zobrist[undone];
        unlift(undone);
        if (pending[undone]) {
          limit = stackLimits[depth];
        } else {
          remainingReturns++;
          inPending = false;
        }
        cursor = next[undone];
        continue;
      }
      Operation<I, O> op = ops.get(cursor);
      S after = model.step(state, op.input(), op.output());
      if (after != null) {
        flip(cursor, bits, pendingBits);
        long hash = bitsHash ^ zobrist[cursor];
        if (memo.full()) {
          note[0] = "memory budget spent after " + memo.size() + " states";
          return Verdict.UNKNOWN;
        }
        if (memo.add(hash ^ (after.hashCode() * 0x9E3779B97F4A7C15L), bits, after, pendingBits)) {
          bitsHash = hash;
          stackOps[depth] = cursor;
          stackLimits[depth] = limit;
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
      }
      cursor = next[cursor];
    }
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
