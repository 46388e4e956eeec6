package io.pdslab.labs.raft;

import io.pdslab.harness.node.NodeEnv;
import io.pdslab.labs.raft.given.ApplyMsg;
import io.pdslab.labs.raft.given.LogEntry;
import io.pdslab.labs.raft.given.LogView;
import io.pdslab.labs.raft.given.Message;
import io.pdslab.labs.raft.given.Persister;
import io.pdslab.labs.raft.given.RaftMessage;
import io.pdslab.labs.raft.given.RaftMessage.AppendEntries;
import io.pdslab.labs.raft.given.RaftMessage.AppendEntriesReply;
import io.pdslab.labs.raft.given.RaftMessage.ElectionTimeout;
import io.pdslab.labs.raft.given.RaftMessage.HeartbeatTick;
import io.pdslab.labs.raft.given.RaftMessage.InstallSnapshot;
import io.pdslab.labs.raft.given.RaftMessage.InstallSnapshotReply;
import io.pdslab.labs.raft.given.RaftMessage.RequestVote;
import io.pdslab.labs.raft.given.RaftMessage.RequestVoteReply;
import io.pdslab.labs.raft.given.RaftPeer;
import io.pdslab.labs.raft.given.RaftState;
import io.pdslab.labs.raft.given.StartResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * One Raft peer — the state of a Pekko actor ({@link io.pdslab.labs.raft.given.RaftNode} is the
 * actor around it). This class is yours; everything in {@code io.pdslab.labs.raft.given} is given.
 *
 * <p>Every method runs on the actor's single thread: {@link #onMessage} for messages and timer
 * ticks, and {@link #start}, {@link #getState}, {@link #snapshot} when the service (or the tester)
 * that owns this peer calls them. Talk to other peers only through {@link NodeEnv#send}; use the
 * {@link TimerScheduler} for timeouts and {@link NodeEnv#random()} for randomness, so that the
 * simulator can replay every run from its seed.
 *
 * <p>Log indices start at 1. Committed commands go, in index order, to the apply channel given to
 * the constructor.
 */
public class Raft implements RaftPeer {
  /** Heartbeat period: at most ten heartbeats per second. */
  public static final Duration HEARTBEAT = Duration.ofMillis(100);

  /** Election timeouts are drawn uniformly from [MIN, MIN + SPREAD). */
  public static final int ELECTION_TIMEOUT_MIN_MS = 300;

  public static final int ELECTION_TIMEOUT_SPREAD_MS = 300;

  /**
   * At most this many entries per AppendEntries, so that catching up does not flood the network.
   */
  public static final int MAX_ENTRIES_PER_APPEND = 64;

  private static final String ELECTION_TIMER = "election";
  private static final String HEARTBEAT_TIMER = "heartbeat";

  private final NodeEnv<Message> env;
  private final TimerScheduler<Message> timers;
  private final Consumer<ApplyMsg> applyCh;
  private final Persister persister;
  private final List<String> peers;

  // BEGIN SOLUTION
  private enum Role {
    FOLLOWER,
    CANDIDATE,
    LEADER
  }

  /** What survives a crash. The log excludes the entries covered by the snapshot. */
  record PersistentState(
      int term, String votedFor, int snapshotIndex, int snapshotTerm, List<LogEntry> log) {}

  // Persistent state (saved before answering any RPC that depends on it).
  private int currentTerm;
  private String votedFor;
  private int snapshotIndex;
  private int snapshotTerm;

  /** Entries after the snapshot: entry i (absolute) is log.get(i - snapshotIndex - 1). */
  private final List<LogEntry> log = new ArrayList<>();

  private byte[] snapshotData = new byte[0];

  // Volatile state.
  private Role role = Role.FOLLOWER;
  private int commitIndex;
  private int lastApplied;
  private final Set<String> votes = new HashSet<>();
  private final Map<String, Integer> nextIndex = new HashMap<>();
  private final Map<String, Integer> matchIndex = new HashMap<>();

  // END SOLUTION

  /**
   * Creates a peer. Restores the persisted state if there is any (a restart after a crash): a saved
   * snapshot is handed to the apply channel first.
   */
  public Raft(NodeEnv<Message> env, TimerScheduler<Message> timers, Consumer<ApplyMsg> applyCh) {
    this.env = env;
    this.timers = timers;
    this.applyCh = applyCh;
    this.persister = new Persister(env.storage());
    this.peers = List.copyOf(env.peers());
    // BEGIN SOLUTION
    persister.readRaftState().ifPresent(this::restore);
    // A snapshot is saved only with the state that names its index (Persister.save is atomic).
    persister
        .readSnapshot()
        .ifPresent(
            s -> {
              snapshotData = s;
              commitIndex = snapshotIndex;
              lastApplied = snapshotIndex;
              applyCh.accept(ApplyMsg.snapshot(s, snapshotTerm, snapshotIndex));
            });
    resetElectionTimer();
    // END SOLUTION
  }

  @Override
  public StartResult start(Object command) {
    // BEGIN SOLUTION
    if (role != Role.LEADER) {
      return new StartResult(-1, currentTerm, false);
    }
    log.add(new LogEntry(currentTerm, command));
    persist();
    int index = lastLogIndex();
    matchIndex.put(env.self(), index);
    for (String peer : peers) {
      sendAppend(peer);
    }
    advanceCommitIndex();
    return new StartResult(index, currentTerm, true);
    // END SOLUTION
    // STUB: return new StartResult(-1, 0, false);
  }

  @Override
  public RaftState getState() {
    // BEGIN SOLUTION
    return new RaftState(currentTerm, role == Role.LEADER);
    // END SOLUTION
    // STUB: return new RaftState(0, false);
  }

  /**
   * <b>Tester hook</b> (see {@link RaftPeer#logView()}): a read-only view of your log, your
   * snapshot position and your commit index.
   */
  @Override
  public LogView logView() {
    // BEGIN SOLUTION
    return new LogView(snapshotIndex, snapshotTerm, Collections.unmodifiableList(log), commitIndex);
    // END SOLUTION
    // STUB: return null;
  }

  @Override
  public void snapshot(int index, byte[] snapshot) {
    // BEGIN SOLUTION
    if (index <= snapshotIndex || index > lastApplied) {
      return;
    }
    int term = termAt(index);
    log.subList(0, index - snapshotIndex).clear();
    snapshotIndex = index;
    snapshotTerm = term;
    snapshotData = snapshot;
    persister.save(encodeState(), snapshot);
    // END SOLUTION
  }

  /** Handles a message from a peer or a timer tick. */
  public void onMessage(RaftMessage message) {
    // BEGIN SOLUTION
    if (message instanceof ElectionTimeout) {
      startElection();
    } else if (message instanceof HeartbeatTick) {
      broadcastAppend();
    } else if (message instanceof RequestVote m) {
      onRequestVote(m);
    } else if (message instanceof RequestVoteReply m) {
      onRequestVoteReply(m);
    } else if (message instanceof AppendEntries m) {
      onAppendEntries(m);
    } else if (message instanceof AppendEntriesReply m) {
      onAppendEntriesReply(m);
    } else if (message instanceof InstallSnapshot m) {
      onInstallSnapshot(m);
    } else if (message instanceof InstallSnapshotReply m) {
      onInstallSnapshotReply(m);
    }
    // END SOLUTION
    // STUB: env.log("TODO: handle %s", message);
  }

  // BEGIN SOLUTION

  // ---- Elections -------------------------------------------------------------------------

  /** The election timer runs only while not leading: becomeLeader cancels it. */
  private void startElection() {
    role = Role.CANDIDATE;
    currentTerm++;
    votedFor = env.self();
    persist();
    votes.clear();
    votes.add(env.self());
    env.log("election for term %d", currentTerm);
    resetElectionTimer();
    if (isMajority(votes.size())) {
      becomeLeader();
      return;
    }
    RequestVote request =
        new RequestVote(currentTerm, env.self(), lastLogIndex(), termAt(lastLogIndex()));
    for (String peer : peers) {
      env.send(peer, request);
    }
  }

  private void onRequestVote(RequestVote m) {
    if (m.term() > currentTerm) {
      stepDown(m.term());
    }
    boolean granted =
        m.term() == currentTerm
            && (votedFor == null || votedFor.equals(m.candidateId()))
            && candidateLogIsUpToDate(m.lastLogIndex(), m.lastLogTerm());
    if (granted) {
      votedFor = m.candidateId();
      persist();
      resetElectionTimer();
    }
    env.send(m.candidateId(), new RequestVoteReply(currentTerm, granted, env.self()));
  }

  /** Election restriction (§5.4.1): vote only for a candidate whose log is at least as new. */
  private boolean candidateLogIsUpToDate(int lastIndex, int lastTerm) {
    int myLastTerm = termAt(lastLogIndex());
    return lastTerm > myLastTerm || (lastTerm == myLastTerm && lastIndex >= lastLogIndex());
  }

  private void onRequestVoteReply(RequestVoteReply m) {
    if (m.term() > currentTerm) {
      stepDown(m.term());
      return;
    }
    if (role != Role.CANDIDATE || m.term() != currentTerm || !m.voteGranted()) {
      return;
    }
    votes.add(m.from());
    if (isMajority(votes.size())) {
      becomeLeader();
    }
  }

  private void becomeLeader() {
    role = Role.LEADER;
    env.log("leader for term %d", currentTerm);
    timers.cancel(ELECTION_TIMER);
    for (String peer : peers) {
      nextIndex.put(peer, lastLogIndex() + 1);
      matchIndex.put(peer, 0);
    }
    matchIndex.put(env.self(), lastLogIndex());
    timers.startTimerAtFixedRate(HEARTBEAT_TIMER, new HeartbeatTick(), HEARTBEAT);
    broadcastAppend();
  }

  /** Adopts a newer term as a follower. */
  private void stepDown(int term) {
    boolean wasLeader = role == Role.LEADER;
    currentTerm = term;
    votedFor = null;
    role = Role.FOLLOWER;
    persist();
    if (wasLeader) {
      timers.cancel(HEARTBEAT_TIMER);
      resetElectionTimer();
    }
  }

  private void resetElectionTimer() {
    int timeout = ELECTION_TIMEOUT_MIN_MS + env.random().nextInt(ELECTION_TIMEOUT_SPREAD_MS);
    timers.startSingleTimer(ELECTION_TIMER, new ElectionTimeout(), Duration.ofMillis(timeout));
  }

  private boolean isMajority(int count) {
    return 2 * count > peers.size() + 1;
  }

  // ---- Replication -----------------------------------------------------------------------

  /** The heartbeat timer runs only while leading: stepDown cancels it. */
  private void broadcastAppend() {
    for (String peer : peers) {
      sendAppend(peer);
    }
  }

  private void sendAppend(String peer) {
    int next = nextIndex.get(peer);
    if (next <= snapshotIndex) {
      env.send(
          peer,
          new InstallSnapshot(currentTerm, env.self(), snapshotIndex, snapshotTerm, snapshotData));
      return;
    }
    int prev = next - 1;
    int end = Math.min(log.size(), prev - snapshotIndex + MAX_ENTRIES_PER_APPEND);
    List<LogEntry> entries = List.copyOf(log.subList(prev - snapshotIndex, end));
    env.send(
        peer, new AppendEntries(currentTerm, env.self(), prev, termAt(prev), entries, commitIndex));
  }

  private void onAppendEntries(AppendEntries m) {
    if (m.term() < currentTerm) {
      env.send(m.leaderId(), new AppendEntriesReply(currentTerm, false, env.self(), 0, 0, -1));
      return;
    }
    acceptLeader(m.term());
    int prev = m.prevLogIndex();
    List<LogEntry> entries = m.entries();
    if (prev < snapshotIndex) {
      // The prefix up to the snapshot is committed, hence identical: skip it.
      int skip = Math.min(snapshotIndex - prev, entries.size());
      entries = entries.subList(skip, entries.size());
      prev += skip;
      if (prev < snapshotIndex) {
        env.send(
            m.leaderId(),
            new AppendEntriesReply(currentTerm, true, env.self(), snapshotIndex, 0, -1));
        return;
      }
    } else if (prev > lastLogIndex()) {
      env.send(
          m.leaderId(),
          new AppendEntriesReply(currentTerm, false, env.self(), 0, lastLogIndex() + 1, -1));
      return;
    } else if (termAt(prev) != m.prevLogTerm()) {
      int conflictTerm = termAt(prev);
      int first = prev;
      while (first - 1 > snapshotIndex && termAt(first - 1) == conflictTerm) {
        first--;
      }
      env.send(
          m.leaderId(),
          new AppendEntriesReply(currentTerm, false, env.self(), 0, first, conflictTerm));
      return;
    }
    boolean changed = false;
    for (int i = 0; i < entries.size(); i++) {
      int index = prev + 1 + i;
      if (index <= lastLogIndex()) {
        if (termAt(index) == entries.get(i).term()) {
          continue;
        }
        log.subList(index - snapshotIndex - 1, log.size()).clear();
      }
      log.addAll(entries.subList(i, entries.size()));
      changed = true;
      break;
    }
    if (changed) {
      persist();
    }
    int lastNew = prev + entries.size();
    // Figure 2's min(leaderCommit, lastNew) is smaller for a late, shorter request: never go down.
    int newCommit = Math.min(m.leaderCommit(), lastNew);
    if (newCommit > commitIndex) {
      commitIndex = newCommit;
      applyCommitted();
    }
    env.send(m.leaderId(), new AppendEntriesReply(currentTerm, true, env.self(), lastNew, 0, -1));
  }

  /** A valid leader exists for {@code term}: follow it. */
  private void acceptLeader(int term) {
    if (term > currentTerm) {
      stepDown(term);
    }
    role = Role.FOLLOWER;
    resetElectionTimer();
  }

  private void onAppendEntriesReply(AppendEntriesReply m) {
    if (m.term() > currentTerm) {
      stepDown(m.term());
      return;
    }
    if (role != Role.LEADER || m.term() != currentTerm) {
      return;
    }
    String peer = m.from();
    if (m.success()) {
      if (m.matchIndex() > matchIndex.get(peer)) {
        matchIndex.put(peer, m.matchIndex());
        nextIndex.put(peer, m.matchIndex() + 1);
        advanceCommitIndex();
      }
      return;
    }
    int next = m.conflictIndex();
    if (m.conflictTerm() >= 0) {
      int last = lastIndexOfTerm(m.conflictTerm());
      if (last > 0) {
        next = last + 1;
      }
    }
    next = Math.max(next, matchIndex.get(peer) + 1);
    if (next < nextIndex.get(peer)) {
      nextIndex.put(peer, next);
      sendAppend(peer);
    }
  }

  private int lastIndexOfTerm(int term) {
    for (int i = lastLogIndex(); i > snapshotIndex; i--) {
      int t = termAt(i);
      if (t == term) {
        return i;
      }
      if (t < term) {
        break;
      }
    }
    return 0;
  }

  private void advanceCommitIndex() {
    for (int n = lastLogIndex(); n > commitIndex; n--) {
      if (!mayCommitByCounting(n)) {
        continue;
      }
      int count = 0;
      for (int match : matchIndex.values()) {
        if (match >= n) {
          count++;
        }
      }
      if (isMajority(count)) {
        commitIndex = n;
        applyCommitted();
        return;
      }
    }
  }

  /** Only entries of the current term are committed by counting replicas (§5.4.2, Figure 8). */
  private boolean mayCommitByCounting(int index) {
    return termAt(index) == currentTerm;
  }

  private void applyCommitted() {
    while (lastApplied < commitIndex) {
      lastApplied++;
      applyCh.accept(ApplyMsg.command(entryAt(lastApplied).command(), lastApplied));
    }
  }

  // ---- Snapshots ---------------------------------------------------------------------------

  private void onInstallSnapshot(InstallSnapshot m) {
    if (m.term() < currentTerm) {
      env.send(m.leaderId(), new InstallSnapshotReply(currentTerm, env.self(), 0));
      return;
    }
    acceptLeader(m.term());
    int last = m.lastIncludedIndex();
    if (last > commitIndex) {
      if (last < lastLogIndex() && termAt(last) == m.lastIncludedTerm()) {
        log.subList(0, last - snapshotIndex).clear();
      } else {
        log.clear();
      }
      snapshotIndex = last;
      snapshotTerm = m.lastIncludedTerm();
      snapshotData = m.data();
      commitIndex = last;
      lastApplied = last;
      persister.save(encodeState(), m.data());
      applyCh.accept(ApplyMsg.snapshot(m.data(), m.lastIncludedTerm(), last));
    }
    env.send(m.leaderId(), new InstallSnapshotReply(currentTerm, env.self(), last));
  }

  private void onInstallSnapshotReply(InstallSnapshotReply m) {
    if (m.term() > currentTerm) {
      stepDown(m.term());
      return;
    }
    if (role != Role.LEADER || m.term() != currentTerm) {
      return;
    }
    // A snapshot holds only committed entries: the commit index stays where it is.
    if (m.lastIncludedIndex() > matchIndex.get(m.from())) {
      matchIndex.put(m.from(), m.lastIncludedIndex());
      nextIndex.put(m.from(), m.lastIncludedIndex() + 1);
    }
  }

  // ---- Log and persistence ---------------------------------------------------------------

  private int lastLogIndex() {
    return snapshotIndex + log.size();
  }

  private LogEntry entryAt(int index) {
    return log.get(index - snapshotIndex - 1);
  }

  private int termAt(int index) {
    return index == snapshotIndex ? snapshotTerm : entryAt(index).term();
  }

  private void persist() {
    persister.save(encodeState());
  }

  private byte[] encodeState() {
    return Persister.encode(
        new PersistentState(currentTerm, votedFor, snapshotIndex, snapshotTerm, log));
  }

  private void restore(byte[] bytes) {
    PersistentState s = Persister.decode(bytes, PersistentState.class);
    currentTerm = s.term();
    votedFor = s.votedFor();
    snapshotIndex = s.snapshotIndex();
    snapshotTerm = s.snapshotTerm();
    log.addAll(s.log());
  }

  // END SOLUTION
}
