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
  }

  @Override
  public StartResult start(Object command) {
    return new StartResult(-1, 0, false);
  }

  @Override
  public RaftState getState() {
    return new RaftState(0, false);
  }

  /**
   * <b>Tester hook</b> (see {@link RaftPeer#logView()}): a read-only view of your log, your
   * snapshot position and your commit index.
   */
  @Override
  public LogView logView() {
    return null;
  }

  @Override
  public void snapshot(int index, byte[] snapshot) {
  }

  /** Handles a message from a peer or a timer tick. */
  public void onMessage(RaftMessage message) {
    env.log("TODO: handle %s", message);
  }

}
