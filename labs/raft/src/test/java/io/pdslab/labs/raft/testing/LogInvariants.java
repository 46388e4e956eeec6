package io.pdslab.labs.raft.testing;

import io.pdslab.harness.sim.Simulation;
import io.pdslab.labs.raft.given.LogEntry;
import io.pdslab.labs.raft.given.LogView;
import io.pdslab.labs.raft.given.Message;
import io.pdslab.labs.raft.given.RaftPeer;
import io.pdslab.labs.raft.given.RaftState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.BehaviorInterceptor;
import org.apache.pekko.actor.typed.TypedActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Raft's Log Matching and Leader Completeness properties (§5.3 and §5.4 of the Raft paper), checked
 * directly on the servers' logs after every simulated event, through {@link RaftPeer#logView()} (a
 * tester hook). A Raft may return null there (the handout's stub) only until the first command
 * commits, so that part A runs without it; after that a null view is reported as a failure rather
 * than skipping the checks.
 *
 * <p><b>Log Matching</b>: if two logs hold an entry with the same index and term, they are
 * identical in all entries up through that index. Checked in its inductive form: two logs that hold
 * the same (index, term) must hold the same command there and the same term at index - 1. By
 * induction on the index, this gives identical logs down to where one of them was compacted into a
 * snapshot (snapshot-covered indexes are committed state, which state machine safety checks). The
 * pairwise condition only changes where a log changes, so only the entries of a server that stepped
 * and that changed since the last check are compared, with the entry at the same index of every
 * other server: O(changed entries × servers) per event.
 *
 * <p><b>Leader Completeness</b>: an entry committed in a term is in the log of every leader of a
 * higher term. Whenever a server's commit index grows, the newly committed (index, term) pairs are
 * remembered with the server's current term: the entry was committed in that term or an earlier
 * one, so every leader of that term or a later one must hold it (the leader of the committing term
 * holds it too, as leaders never drop entries). Each leader is checked once against all committed
 * entries when it is first seen leading a term, then only against newly committed entries and where
 * its own log changed: O(new commits + changed entries) per event. Indexes a leader has compacted
 * into its snapshot count as present.
 *
 * <p>Finding what changed in a stepping server's log compares the held entries with the copy
 * remembered at the last check, one reference comparison per entry (logs are short once snapshots
 * are on). Servers step when they handle a message or timer ({@link #stepped}); the tester also
 * marks servers whose {@code Raft} object it hands out, since {@code start} changes the log outside
 * any event.
 */
final class LogInvariants {
  /** Name of the Log Matching invariant, as violation messages show it. */
  static final String LOG_MATCHING = "log matching";

  /** Name of the Leader Completeness invariant, as violation messages show it. */
  static final String LEADER_COMPLETENESS = "leader completeness";

  /**
   * A committed entry: its term, and the server and term in which it was first seen committed (the
   * entry was committed in {@code knownInTerm} or earlier).
   */
  private record Committed(int term, String seenBy, int knownInTerm) {}

  private final int n;
  private final IntFunction<? extends RaftPeer> running;
  private final BooleanSupplier committedAny;

  /** Servers that stepped since the last check. */
  private final boolean[] dirty;

  /** Each running server's log at the last check (entries copied); null when down or unchecked. */
  private final LogView[] seen;

  /** First index whose entry (or predecessor term) changed in this check; MAX_VALUE: none. */
  private final int[] changedFrom;

  /** The commit index of each server at the last check. */
  private final int[] seenCommit;

  /** The term in which a server was last checked as leader (0: not leading). */
  private final int[] leaderTerm;

  /** Committed entries up to this index were checked against the server's log as leader. */
  private final int[] leaderCheckedUpTo;

  /** Entry i at position i; null where no server was seen holding it when committed. */
  private final List<Committed> committed = new ArrayList<>();

  private String logMatching;
  private String leaderCompleteness;

  /**
   * @param servers the number of servers ({@code n0 .. n<servers-1>})
   * @param running a running server's Raft, or null while it is down
   * @param committedAny whether the tester has seen any command committed (asked only when a Raft
   *     returns a null log view)
   */
  LogInvariants(
      int servers, IntFunction<? extends RaftPeer> running, BooleanSupplier committedAny) {
    this.n = servers;
    this.running = running;
    this.committedAny = committedAny;
    this.dirty = new boolean[n];
    this.seen = new LogView[n];
    this.changedFrom = new int[n];
    this.seenCommit = new int[n];
    this.leaderTerm = new int[n];
    this.leaderCheckedUpTo = new int[n];
    Arrays.fill(dirty, true);
    committed.add(null); // log indexes start at 1
  }

  /** Registers both invariants with {@code sim}. */
  void register(Simulation sim) {
    // The simulator checks invariants in registration order: the first one does the work of both.
    sim.invariant(
        LOG_MATCHING,
        () -> {
          check();
          return logMatching;
        });
    sim.invariant(LEADER_COMPLETENESS, () -> leaderCompleteness);
  }

  /**
   * {@code behavior} with every message and timer it handles marking server {@code i} as stepped.
   */
  Behavior<Message> watch(int i, Behavior<Message> behavior) {
    return Behaviors.intercept(() -> new StepWatcher(i), behavior);
  }

  /** Marks its server as stepped before each message or timer it handles. */
  private final class StepWatcher extends BehaviorInterceptor<Message, Message> {
    private final int server;

    StepWatcher(int server) {
      super(Message.class);
      this.server = server;
    }

    @Override
    public Behavior<Message> aroundReceive(
        TypedActorContext<Message> ctx, Message message, ReceiveTarget<Message> target) {
      stepped(server);
      return target.apply(ctx, message);
    }
  }

  /** Server {@code i} may have changed its log or commit index. */
  void stepped(int i) {
    dirty[i] = true;
  }

  private void check() {
    if (logMatching != null || leaderCompleteness != null) {
      return;
    }
    // Refresh every changed log before comparing, so that no log is compared with a stale copy.
    for (int i = 0; i < n; i++) {
      changedFrom[i] = Integer.MAX_VALUE;
      RaftPeer raft = running.apply(i);
      if (raft == null) {
        forget(i);
      } else if (dirty[i]) {
        dirty[i] = false;
        refresh(i, raft.logView(), raft.getState().term());
      }
    }
    for (int i = 0; i < n && logMatching == null; i++) {
      if (changedFrom[i] != Integer.MAX_VALUE) {
        checkLogMatching(i);
      }
    }
    for (int i = 0; i < n && leaderCompleteness == null; i++) {
      RaftPeer raft = running.apply(i);
      RaftState state = raft == null ? null : raft.getState();
      if (state == null || !state.isLeader() || seen[i] == null) {
        leaderTerm[i] = 0;
      } else {
        checkLeader(i, state.term());
      }
    }
  }

  private void forget(int i) {
    seen[i] = null;
    seenCommit[i] = 0;
    leaderTerm[i] = 0;
    dirty[i] = true;
  }

  /** Takes a copy of server i's log, notes where it changed and what it newly committed. */
  private void refresh(int i, LogView now, int term) {
    if (now == null) {
      seen[i] = null;
      if (committedAny.getAsBoolean()) {
        logMatching =
            RaftCluster.id(i)
                + ": Raft.logView() returned null after commands were committed; from part B on the"
                + " tester needs it to check log matching and leader completeness (see its Javadoc)";
      }
      return;
    }
    LogView before = seen[i];
    int from = firstChange(before, now);
    changedFrom[i] = from;
    if (before == null
        || before.snapshotIndex() != now.snapshotIndex()
        || before.snapshotTerm() != now.snapshotTerm()) {
      seen[i] = copyOf(now, new ArrayList<>(now.entries()));
    } else if (from <= Math.max(before.lastIndex(), now.lastIndex())
        || before.commitIndex() != now.commitIndex()) {
      List<LogEntry> entries = before.entries();
      int keep = Math.min(from, now.lastIndex() + 1) - now.snapshotIndex() - 1;
      entries.subList(keep, entries.size()).clear();
      entries.addAll(now.entries().subList(keep, now.entries().size()));
      seen[i] = copyOf(now, entries);
    }
    for (int index = Math.max(seenCommit[i] + 1, now.snapshotIndex());
        index <= now.commitIndex();
        index++) {
      int t = now.termAt(index);
      if (t > 0) {
        remember(index, t, RaftCluster.id(i), term);
      }
    }
    seenCommit[i] = now.commitIndex();
  }

  private static LogView copyOf(LogView view, List<LogEntry> entries) {
    return new LogView(view.snapshotIndex(), view.snapshotTerm(), entries, view.commitIndex());
  }

  /**
   * The first index at which {@code now} holds an entry that {@code before} did not, or whose
   * predecessor's term changed; past the end of {@code now} if nothing new.
   */
  private static int firstChange(LogView before, LogView now) {
    int start = now.snapshotIndex() + 1;
    if (before == null
        || now.snapshotIndex() < before.snapshotIndex()
        || before.termAt(now.snapshotIndex()) != now.snapshotTerm()) {
      return start;
    }
    int end = Math.min(before.lastIndex(), now.lastIndex());
    for (int index = start; index <= end; index++) {
      LogEntry a = before.entry(index);
      LogEntry b = now.entry(index);
      if (a != b && !a.equals(b)) {
        return index;
      }
    }
    return end + 1;
  }

  private void checkLogMatching(int i) {
    LogView mine = seen[i];
    for (int index = changedFrom[i]; index <= mine.lastIndex(); index++) {
      LogEntry e = mine.entry(index);
      for (int j = 0; j < n; j++) {
        LogView theirs = seen[j];
        if (j == i
            || theirs == null
            || !theirs.holds(index)
            || theirs.entry(index).term() != e.term()) {
          continue;
        }
        Object other = theirs.entry(index).command();
        if (!Objects.equals(e.command(), other)) {
          logMatching =
              String.format(
                  "%s and %s both hold an entry of term %d at index %d, with different commands"
                      + " (%s vs %s)",
                  RaftCluster.id(i), RaftCluster.id(j), e.term(), index, e.command(), other);
          return;
        }
        int a = mine.termAt(index - 1);
        int b = theirs.termAt(index - 1);
        if (a >= 0 && b >= 0 && a != b) {
          logMatching =
              String.format(
                  "%s and %s both hold an entry of term %d at index %d, but their logs differ"
                      + " before it: term %d vs %d at index %d",
                  RaftCluster.id(i), RaftCluster.id(j), e.term(), index, a, b, index - 1);
          return;
        }
      }
    }
  }

  private void remember(int index, int term, String server, int knownInTerm) {
    while (committed.size() <= index) {
      committed.add(null);
    }
    Committed c = committed.get(index);
    // A different term at a committed index breaks state machine safety, which the apply check
    // reports; keep the first.
    if (c == null || (c.term() == term && knownInTerm < c.knownInTerm())) {
      committed.set(index, new Committed(term, server, knownInTerm));
    }
  }

  private void checkLeader(int i, int term) {
    LogView log = seen[i];
    int from;
    if (leaderTerm[i] != term) {
      leaderTerm[i] = term;
      from = 1;
    } else {
      from = Math.min(leaderCheckedUpTo[i], changedFrom[i] - 1) + 1;
    }
    int last = committed.size() - 1;
    for (int index = Math.max(from, log.snapshotIndex()); index <= last; index++) {
      Committed c = committed.get(index);
      if (c == null || c.knownInTerm() > term || log.termAt(index) == c.term()) {
        continue;
      }
      String has =
          index > log.lastIndex()
              ? "its log ends at index " + log.lastIndex()
              : "it has term " + log.termAt(index) + " there";
      leaderCompleteness =
          String.format(
              "%s leads term %d without the entry of term %d at index %d, which %s saw committed"
                  + " in term %d: %s",
              RaftCluster.id(i), term, c.term(), index, c.seenBy(), c.knownInTerm(), has);
      return;
    }
    leaderCheckedUpTo[i] = last;
  }
}
