package io.pdslab.labs.raft.testing;

import static org.junit.jupiter.api.Assertions.fail;

import io.pdslab.labs.raft.ApplyMsg;
import io.pdslab.labs.raft.Message;
import io.pdslab.labs.raft.Persister;
import io.pdslab.labs.raft.Raft;
import io.pdslab.labs.raft.RaftMessage;
import io.pdslab.labs.raft.RaftNode;
import io.pdslab.labs.raft.RaftState;
import io.pdslab.labs.raft.StartResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The Raft tester: a simulated cluster of {@link RaftNode}s with the checks of the test scenarios
 * (one leader, agreement, committed values) and Raft's safety properties checked after every
 * simulated event.
 *
 * <p>Servers are numbered 0..n-1 (node ids "n0", "n1", ...). All time is virtual milliseconds.
 */
public final class RaftCluster {
  /** The service snapshots every this many applied commands (when snapshots are on). */
  public static final int SNAPSHOT_INTERVAL = 10;

  /** What the tester's service stores in a snapshot: every command applied so far. */
  record TestSnapshot(int lastIncludedIndex, List<Object> commands) {}

  /** How many servers have applied an index, and the command they applied. */
  public record Committed(int count, Object command) {}

  private final LocalSim<Message> sim;
  private final int n;
  private final boolean snapshots;
  private final Raft[] rafts;
  private final List<Map<Integer, Object>> logs = new ArrayList<>();
  private final int[] lastApplied;
  private final Map<Integer, String> leaderOfTerm = new TreeMap<>();
  private final Map<String, String> voteOfServerInTerm = new TreeMap<>();
  private String violation;
  private int maxIndex;
  private int rr;

  /** Builds and starts {@code n} servers. */
  public RaftCluster(long seed, int n, boolean reliable, boolean snapshots) {
    this.sim = new LocalSim<>(seed);
    this.n = n;
    this.snapshots = snapshots;
    this.rafts = new Raft[n];
    this.lastApplied = new int[n];
    sim.setNetwork(reliable ? LocalSim.Network.RELIABLE : LocalSim.Network.UNRELIABLE);
    sim.setSizer(RaftCluster::approximateSize);
    sim.setCounted(
        m ->
            m instanceof RaftMessage.RequestVote
                || m instanceof RaftMessage.AppendEntries
                || m instanceof RaftMessage.InstallSnapshot);
    for (int i = 0; i < n; i++) {
      logs.add(new TreeMap<>());
      List<String> peers = new ArrayList<>();
      for (int j = 0; j < n; j++) {
        if (j != i) {
          peers.add(id(j));
        }
      }
      int server = i;
      sim.addNode(
          id(i), peers, env -> RaftNode.create(env, m -> apply(server, m), r -> rafts[server] = r));
    }
    sim.addInvariant(this::checkSafety);
    sim.addSendListener(this::checkVote);
    for (int i = 0; i < n; i++) {
      start1(i);
    }
  }

  public static String id(int server) {
    return "n" + server;
  }

  public int servers() {
    return n;
  }

  public LocalSim<Message> sim() {
    return sim;
  }

  /** The peer object of a running server (null while crashed). */
  public Raft raft(int server) {
    return rafts[server];
  }

  // ---- Faults --------------------------------------------------------------------------------

  /** Starts, or restarts after {@link #crash1}, a server from its saved state. */
  public void start1(int i) {
    lastApplied[i] = 0;
    sim.start(id(i));
  }

  /** Crashes a server; it keeps only what it saved to stable storage. */
  public void crash1(int i) {
    sim.crash(id(i));
    rafts[i] = null;
  }

  public void connect(int i) {
    sim.connect(id(i));
  }

  public void disconnect(int i) {
    sim.disconnect(id(i));
  }

  public boolean isConnected(int i) {
    return sim.isConnected(id(i));
  }

  public boolean isUp(int i) {
    return sim.isUp(id(i));
  }

  public void setReliable(boolean reliable) {
    sim.setNetwork(reliable ? LocalSim.Network.RELIABLE : LocalSim.Network.UNRELIABLE);
  }

  public void setLongReordering(boolean on) {
    sim.setLongReordering(on);
  }

  /** Advances virtual time. */
  public void runFor(long ms) {
    sim.runFor(ms);
  }

  // ---- Checks --------------------------------------------------------------------------------

  /** Waits (up to ~5 s of virtual time) for exactly one leader among connected servers. */
  public int checkOneLeader() {
    for (int iter = 0; iter < 10; iter++) {
      runFor(450 + sim.random().nextInt(100));
      Map<Integer, List<Integer>> leaders = new TreeMap<>();
      for (int i = 0; i < n; i++) {
        if (isConnected(i) && isUp(i)) {
          RaftState s = rafts[i].getState();
          if (s.isLeader()) {
            leaders.computeIfAbsent(s.term(), t -> new ArrayList<>()).add(i);
          }
        }
      }
      int lastTerm = -1;
      for (Map.Entry<Integer, List<Integer>> e : leaders.entrySet()) {
        if (e.getValue().size() > 1) {
          failHere("term " + e.getKey() + " has " + e.getValue().size() + " leaders");
        }
        lastTerm = e.getKey();
      }
      if (lastTerm >= 0) {
        return leaders.get(lastTerm).get(0);
      }
    }
    return failHere("expected one leader, got none within 5 s");
  }

  /** All connected servers agree on the term; returns it. */
  public int checkTerms() {
    int term = -1;
    for (int i = 0; i < n; i++) {
      if (isConnected(i) && isUp(i)) {
        int t = rafts[i].getState().term();
        if (term == -1) {
          term = t;
        } else if (t != term) {
          failHere("servers disagree on term: " + term + " vs " + t);
        }
      }
    }
    return term;
  }

  /** No connected server thinks it is the leader. */
  public void checkNoLeader() {
    for (int i = 0; i < n; i++) {
      if (isConnected(i) && isUp(i) && rafts[i].getState().isLeader()) {
        failHere("expected no leader among connected servers, but " + id(i) + " claims to be");
      }
    }
  }

  /** How many servers think {@code index} is committed, and the command there. */
  public Committed nCommitted(int index) {
    throwViolation();
    int count = 0;
    Object cmd = null;
    for (int i = 0; i < n; i++) {
      Object c = logs.get(i).get(index);
      if (c != null) {
        if (count > 0 && !Objects.equals(cmd, c)) {
          failHere("committed values at index " + index + " differ: " + cmd + " vs " + c);
        }
        count++;
        cmd = c;
      }
    }
    return new Committed(count, cmd);
  }

  /**
   * Submits {@code cmd} to whichever server is the leader and waits until at least {@code
   * expectedServers} have committed it; retries with other leaders for up to 10 s (if {@code
   * retry}). Returns its index.
   */
  public int one(Object cmd, int expectedServers, boolean retry) {
    long t0 = sim.now();
    while (sim.now() - t0 < 10_000) {
      int index = -1;
      for (int k = 0; k < n; k++) {
        rr = (rr + 1) % n;
        if (isConnected(rr) && isUp(rr)) {
          StartResult r = rafts[rr].start(cmd);
          if (r.isLeader()) {
            index = r.index();
            break;
          }
        }
      }
      if (index != -1) {
        long t1 = sim.now();
        while (sim.now() - t1 < 2_000) {
          Committed c = nCommitted(index);
          if (c.count() > 0 && c.count() >= expectedServers && Objects.equals(c.command(), cmd)) {
            return index;
          }
          runFor(20);
        }
        if (!retry) {
          failHere("one(" + cmd + ") failed to reach agreement");
        }
      } else {
        runFor(50);
      }
    }
    return failHere("one(" + cmd + ") failed to reach agreement within 10 s");
  }

  /**
   * Waits for at least {@code count} servers to commit {@code index}; gives up (returning null) if
   * a server moves past {@code startTerm}.
   */
  public Object await(int index, int count, int startTerm) {
    long pause = 10;
    for (int iter = 0; iter < 30; iter++) {
      if (nCommitted(index).count() >= count) {
        break;
      }
      runFor(pause);
      pause = Math.min(pause * 2, 1000);
      if (startTerm > -1) {
        for (int i = 0; i < n; i++) {
          if (isUp(i) && rafts[i].getState().term() > startTerm) {
            return null;
          }
        }
      }
    }
    Committed c = nCommitted(index);
    if (c.count() < count) {
      failHere("only " + c.count() + " servers committed index " + index + ", wanted " + count);
    }
    return c.command();
  }

  /** Requests (RequestVote, AppendEntries, InstallSnapshot) sent by all servers so far. */
  public long rpcTotal() {
    long total = 0;
    for (int i = 0; i < n; i++) {
      total += sim.sentBy(id(i));
    }
    return total;
  }

  /** Approximate bytes sent by all servers so far (commands count their string length). */
  public long bytesTotal() {
    long total = 0;
    for (int i = 0; i < n; i++) {
      total += sim.bytesSentBy(id(i));
    }
    return total;
  }

  /** Size of a server's saved Raft state (snapshot excluded). */
  public int raftStateSize(int i) {
    return new Persister(sim.storageOf(id(i))).raftStateSize();
  }

  /** Highest index any server has applied. */
  public int maxIndex() {
    return maxIndex;
  }

  /** Fails if a safety violation was seen; call at the end of a test. */
  public void end() {
    throwViolation();
  }

  // ---- The tester's service: applies commands, takes snapshots -------------------------------

  private void apply(int i, ApplyMsg m) {
    if (m.snapshotValid()) {
      TestSnapshot s = Persister.decode(m.snapshot(), TestSnapshot.class);
      if (s.lastIncludedIndex() != m.snapshotIndex()) {
        violation("snapshot index " + m.snapshotIndex() + " does not match its contents", i);
      }
      Map<Integer, Object> log = logs.get(i);
      for (int k = 0; k < s.commands().size(); k++) {
        checkSameAsOthers(i, k + 1, s.commands().get(k));
        log.put(k + 1, s.commands().get(k));
      }
      lastApplied[i] = m.snapshotIndex();
      return;
    }
    if (!m.commandValid()) {
      return;
    }
    int index = m.commandIndex();
    if (index != lastApplied[i] + 1) {
      violation(
          "applied index " + index + " out of order (last applied " + lastApplied[i] + ")", i);
      return;
    }
    checkSameAsOthers(i, index, m.command());
    logs.get(i).put(index, m.command());
    lastApplied[i] = index;
    maxIndex = Math.max(maxIndex, index);
    if (snapshots && index % SNAPSHOT_INTERVAL == 0) {
      List<Object> commands = new ArrayList<>();
      for (int k = 1; k <= index; k++) {
        commands.add(logs.get(i).get(k));
      }
      rafts[i].snapshot(index, Persister.encode(new TestSnapshot(index, commands)));
    }
  }

  private void checkSameAsOthers(int i, int index, Object command) {
    for (int j = 0; j < n; j++) {
      Object other = logs.get(j).get(index);
      if (other != null && !Objects.equals(other, command)) {
        violation(
            "state machine safety: "
                + id(i)
                + " applied "
                + command
                + " at index "
                + index
                + " but "
                + id(j)
                + " applied "
                + other,
            i,
            j);
      }
    }
  }

  private void checkSafety() {
    for (int i = 0; i < n; i++) {
      Raft r = rafts[i];
      if (r != null && isUp(i)) {
        RaftState s = r.getState();
        if (s.isLeader()) {
          String previous = leaderOfTerm.putIfAbsent(s.term(), id(i));
          if (previous != null && !previous.equals(id(i))) {
            violation(
                "election safety: two leaders in term " + s.term() + ": " + previous + ", " + id(i),
                i);
          }
        }
      }
    }
    throwViolation();
  }

  /** A server grants at most one vote per term, even across crashes (votedFor is persistent). */
  private void checkVote(String from, String to, Message m) {
    if (m instanceof RaftMessage.RequestVoteReply r && r.voteGranted()) {
      String previous = voteOfServerInTerm.putIfAbsent(from + "@" + r.term(), to);
      if (previous != null && !previous.equals(to)) {
        violation(
            "vote safety: "
                + from
                + " voted for both "
                + previous
                + " and "
                + to
                + " in term "
                + r.term(),
            Integer.parseInt(from.substring(1)));
      }
    }
  }

  private void violation(String what, int... servers) {
    if (violation == null) {
      StringBuilder nodes = new StringBuilder();
      for (int s : servers) {
        nodes.append(nodes.length() == 0 ? "" : ", ").append(id(s));
      }
      violation = what + " (at t=" + sim.now() + " ms on " + nodes + ")";
    }
  }

  private void throwViolation() {
    if (violation != null) {
      failHere(violation);
    }
  }

  private <T> T failHere(String what) {
    String where = writeTrace();
    return fail(what + "; seed " + sim.seed() + "; trace: " + where);
  }

  private String writeTrace() {
    try {
      Path dir = Path.of("target", "pdslab-traces");
      Files.createDirectories(dir);
      Path file = dir.resolve("raft-seed" + sim.seed() + "-t" + sim.now() + ".log");
      Files.writeString(file, sim.traceTail());
      return file.toAbsolutePath().toString();
    } catch (IOException e) {
      return "(not written: " + e.getMessage() + ")";
    }
  }

  /** Message size for byte budgets: a fixed header plus the commands' string lengths. */
  static int approximateSize(Message m) {
    int size = 32;
    if (m instanceof RaftMessage.AppendEntries a) {
      for (var e : a.entries()) {
        size += 8 + String.valueOf(e.command()).length();
      }
    } else if (m instanceof RaftMessage.InstallSnapshot s) {
      size += s.data().length;
    }
    return size;
  }
}
