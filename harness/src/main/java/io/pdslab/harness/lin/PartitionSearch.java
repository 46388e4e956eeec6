package io.pdslab.harness.lin;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Wing–Gong / Lowe depth-first search over one partition of a history.
 *
 * <p>The call and return events sit in a doubly linked list in time order. The search walks it: at
 * a call it tries to linearise that operation next (the model must accept it and the (linearised
 * set, state) pair must be new), lifting its events out of the list; at a return (an operation that
 * must already have taken effect) or at the end it backtracks. Pending operations have no return
 * event: they may be linearised at any point after their call, or never, so the search succeeds as
 * soon as every completed operation is linearised.
 */
final class PartitionSearch<S, I, O> {

  /** How many loop iterations between two looks at the clock. */
  private static final int CLOCK_EVERY = 1024;

  private final Model<S, I, O> model;
  private final List<Operation<I, O>> ops;
  private final int n;

  /** Event nodes: call of op i is node i, its return is node n + i; node 2n is the head. */
  private final int[] next;

  private final int[] prev;
  private final int head;
  private final long[] zobrist;

  private int[] bestOrder = new int[0];
  private S bestState;

  PartitionSearch(Model<S, I, O> model, List<Operation<I, O>> ops) {
    this.model = model;
    this.ops = ops;
    this.n = ops.size();
    this.head = 2 * n;
    this.next = new int[2 * n + 1];
    this.prev = new int[2 * n + 1];
    this.zobrist = new long[n];
    SplittableRandom random = new SplittableRandom(0x9E3779B97F4A7C15L);
    for (int i = 0; i < n; i++) {
      zobrist[i] = random.nextLong();
    }
    linkEventsInTimeOrder();
  }

  private void linkEventsInTimeOrder() {
    int events = 0;
    long[] keys = new long[2 * n];
    int[] nodes = new int[2 * n];
    Integer[] order = new Integer[2 * n];
    for (int i = 0; i < n; i++) {
      Operation<I, O> op = ops.get(i);
      nodes[events] = i;
      keys[events] = op.callTime();
      order[events] = events++;
      if (!op.isPending()) {
        nodes[events] = n + i;
        keys[events] = op.returnTime();
        order[events] = events++;
      }
    }
    // At equal times calls come first: touching intervals count as concurrent, so the checker
    // never reports a violation that depends on how ties were recorded.
    Arrays.sort(
        order,
        0,
        events,
        (a, b) -> {
          int c = Long.compare(keys[a], keys[b]);
          if (c != 0) {
            return c;
          }
          c = Boolean.compare(nodes[a] >= n, nodes[b] >= n);
          return c != 0 ? c : Integer.compare(nodes[a], nodes[b]);
        });
    int last = head;
    for (int k = 0; k < events; k++) {
      int node = nodes[order[k]];
      next[last] = node;
      prev[node] = last;
      last = node;
    }
    next[last] = -1;
  }

  /** Runs the search; returns LINEARIZABLE, VIOLATION or UNKNOWN (with the reason in a note). */
  Verdict run(long deadlineNanos, long maxMemoEntries, AtomicBoolean cancelled, String[] note) {
    int remainingReturns = 0;
    for (Operation<I, O> op : ops) {
      if (!op.isPending()) {
        remainingReturns++;
      }
    }
    if (remainingReturns == 0) {
      return Verdict.LINEARIZABLE;
    }
    long[] bits = new long[(n + 63) >>> 6];
    long bitsHash = 0;
    MemoTable memo = new MemoTable(maxMemoEntries);
    int[] stackOps = new int[n];
    Object[] stackStates = new Object[n];
    int depth = 0;
    S state = model.init();
    bestState = state;
    int cursor = next[head];
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
      if (cursor >= 0 && cursor < n) {
        Operation<I, O> op = ops.get(cursor);
        S after = model.step(state, op.input(), op.output());
        if (after != null) {
          bits[cursor >>> 6] |= 1L << cursor;
          long hash = bitsHash ^ zobrist[cursor];
          if (memo.full()) {
            note[0] = "memory budget spent after " + memo.size() + " states";
            return Verdict.UNKNOWN;
          }
          if (memo.add(hash ^ (after.hashCode() * 0x9E3779B97F4A7C15L), bits, after)) {
            bitsHash = hash;
            stackOps[depth] = cursor;
            stackStates[depth++] = state;
            state = after;
            lift(cursor);
            if (!op.isPending() && --remainingReturns == 0) {
              return Verdict.LINEARIZABLE;
            }
            if (depth > bestOrder.length) {
              bestOrder = Arrays.copyOf(stackOps, depth);
              bestState = state;
            }
            cursor = next[head];
            continue;
          }
          bits[cursor >>> 6] &= ~(1L << cursor);
        }
        cursor = next[cursor];
        continue;
      }
      // A return event (that operation cannot be linearised any later) or the end: backtrack.
      if (depth == 0) {
        return Verdict.VIOLATION;
      }
      int undone = stackOps[--depth];
      @SuppressWarnings("unchecked")
      S previous = (S) stackStates[depth];
      stackStates[depth] = null;
      state = previous;
      bits[undone >>> 6] &= ~(1L << undone);
      bitsHash ^= zobrist[undone];
      unlift(undone);
      if (!ops.get(undone).isPending()) {
        remainingReturns++;
      }
      cursor = next[undone];
    }
  }

  private void lift(int op) {
    unlink(op);
    if (!ops.get(op).isPending()) {
      unlink(n + op);
    }
  }

  private void unlift(int op) {
    if (!ops.get(op).isPending()) {
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
