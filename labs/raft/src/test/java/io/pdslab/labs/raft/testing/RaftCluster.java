package io.pdslab.labs.raft.testing;

import io.pdslab.harness.node.NodeEnv;
import io.pdslab.harness.node.StableStorage;
import io.pdslab.harness.sim.NodeRuntime;
import io.pdslab.harness.sim.Simulation;
import io.pdslab.labs.raft.Raft;
import io.pdslab.labs.raft.given.ApplyMsg;
import io.pdslab.labs.raft.given.Message;
import io.pdslab.labs.raft.given.Persister;
import io.pdslab.labs.raft.given.RaftMessage;
import io.pdslab.labs.raft.given.RaftNode;
import io.pdslab.labs.raft.given.RaftState;
import io.pdslab.labs.raft.given.StartResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.pekko.actor.typed.Behavior;

/**
 * The Raft tester: a cluster of {@link RaftNode}s in the deterministic {@link Simulation}, with the
 * checks of the test scenarios (one leader, agreement, committed values) and Raft's safety
 * properties checked after every simulated event: election safety (one leader per term, and one
 * server sending AppendEntries and InstallSnapshot per term), vote safety (one vote per server and
 * term, across crashes), state machine safety (no two servers apply different commands at an index;
 * commands applied in index order), and log matching and leader completeness (see {@link
 * LogInvariants}).
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

  private final Simulation sim;
  private final boolean[] connected;
  private final int n;
  private final boolean snapshots;
  private final Raft[] rafts;
  private final List<Map<Integer, Object>> logs = new ArrayList<>();
  private final int[] lastApplied;
  private final Map<Integer, String> leaderOfTerm = new TreeMap<>();

  /** The server that first sent an AppendEntries or InstallSnapshot of each term. */
  private final Map<Integer, String> senderOfTerm = new TreeMap<>();

  private final Map<String, String> voteOfServerInTerm = new TreeMap<>();
  private final long[] appendEntriesTo;
  private final long[] entriesTo;
  private final Set<String> electionsStood = new TreeSet<>();
  private final LogInvariants logInvariants;
  private String applyViolation;
  private String voteViolation;
  private String leaderRpcViolation;
  private int maxIndex;
  private int rr;

  /** Builds and starts {@code n} servers in {@code sim}. */
  public RaftCluster(Simulation sim, int n, boolean reliable, boolean snapshots) {
    this.sim = sim;
    this.n = n;
    this.snapshots = snapshots;
    this.rafts = new Raft[n];
    this.lastApplied = new int[n];
    this.connected = new boolean[n];
    this.appendEntriesTo = new long[n];
    this.entriesTo = new long[n];
    this.logInvariants = new LogInvariants(n, i -> isUp(i) ? rafts[i] : null, () -> maxIndex > 0);
    sim.messageSizer(RaftCluster::approximateSize);
    setReliable(reliable);
    for (int i = 0; i < n; i++) {
      logs.add(new TreeMap<>());
      connected[i] = true;
    }
    sim.<Message>nodes(
        n,
        env -> {
          int server = Integer.parseInt(env.self().substring(1));
          lastApplied[server] = 0;
          Behavior<Message> raft =
              RaftNode.create(
                  new VoteWatchingEnv(env),
                  m -> apply(server, m),
                  r -> {
                    rafts[server] = r;
                    logInvariants.stepped(server);
                  });
          return logInvariants.watch(server, raft);
        });
    sim.invariant("election safety", this::electionSafety);
    sim.invariant("state machine safety", () -> applyViolation);
    sim.invariant("vote safety", () -> voteViolation);
    logInvariants.register(sim);
    sim.runFor(Duration.ZERO);
  }

  public static String id(int server) {
    return "n" + server;
  }

  public int servers() {
    return n;
  }

  public Simulation sim() {
    return sim;
  }

  /** The test's random source (workloads, fault choices), derived from the seed. */
  public Random random() {
    return sim.nemesisRandom();
  }

  /** The peer object of a running server (null while crashed). */
  public Raft raft(int server) {
    // The caller may change its log (start) outside any simulated event: check it at the next one.
    logInvariants.stepped(server);
    return rafts[server];
  }

  // ---- Faults --------------------------------------------------------------------------------

  /** Restarts a server after {@link #crash1}, from its saved state. */
  public void start1(int i) {
    sim.restart(id(i));
  }

  /** Crashes a server; it keeps only what it saved to stable storage. */
  public void crash1(int i) {
    sim.crash(id(i));
    rafts[i] = null;
  }

  /** Reconnects a server to every other connected server. */
  public void connect(int i) {
    connected[i] = true;
    for (int j = 0; j < n; j++) {
      if (j != i && connected[j]) {
        sim.restoreLink(id(i), id(j));
        sim.restoreLink(id(j), id(i));
      }
    }
  }

  /** Cuts a server off from every other server (messages in flight are lost too). */
  public void disconnect(int i) {
    connected[i] = false;
    for (int j = 0; j < n; j++) {
      if (j != i) {
        sim.cutLink(id(i), id(j));
        sim.cutLink(id(j), id(i));
      }
    }
  }

  public boolean isConnected(int i) {
    return connected[i];
  }

  public boolean isUp(int i) {
    return sim.isUp(id(i));
  }

  /** Reliable network (1 ms latency) or MIT's unreliable one (10 % loss, 0–26 ms). */
  public void setReliable(boolean reliable) {
    if (reliable) {
      sim.network().reliable();
    } else {
      sim.network().unreliable();
    }
  }

  /** Delays two thirds of the messages by 200–2200 ms more. */
  public void setLongReordering(boolean on) {
    sim.network().longReordering(on ? 2.0 / 3 : 0, 200, 2200);
  }

  /**
   * Adds a node {@code id} that is not a server and only records what reaches it: named as the
   * leader (or candidate) of a message the test injects, it receives the server's reply.
   *
   * @return the messages received so far, in arrival order (a live list)
   */
  public List<Object> probe(String id) {
    List<Object> received = new ArrayList<>();
    sim.runtimeNode(
        id,
        context ->
            new NodeRuntime() {
              @Override
              public void start() {}

              @Override
              public void deliver(String from, Object message) {
                received.add(message);
              }

              @Override
              public void fireTimer(Object key, Object message) {}
            });
    return received;
  }

  /** Advances virtual time. */
  public void runFor(long ms) {
    sim.runFor(Duration.ofMillis(ms));
  }

  // ---- Checks --------------------------------------------------------------------------------

  /**
   * Runs {@code withinMs} of virtual time, then fails with a term-handling message if {@code
   * server} still leads {@code term}: "X still leads term T {withinMs} ms after {@code why}".
   */
  public void checkNoLongerLeads(int server, int term, long withinMs, String why) {
    runFor(withinMs);
    RaftState s = rafts[server].getState();
    if (s.isLeader() && s.term() == term) {
      failHere(
          "term handling: "
              + id(server)
              + " still leads term "
              + term
              + " "
              + withinMs
              + " ms after "
              + why);
    }
  }

  /** Waits (up to ~5 s of virtual time) for exactly one leader among connected servers. */
  public int checkOneLeader() {
    for (int iter = 0; iter < 10; iter++) {
      runFor(450 + random().nextInt(100));
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
          StartResult r = raft(rr).start(cmd);
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
    return sent("RequestVote") + sent("AppendEntries") + sent("InstallSnapshot");
  }

  /** Messages of one type (simple record name) sent so far. */
  public long sent(String messageType) {
    return sim.stats().of(messageType).sent();
  }

  /** AppendEntries sent to {@code server} so far, by any server (lost ones included). */
  public long appendEntriesTo(int server) {
    return appendEntriesTo[server];
  }

  /** Log entries sent to {@code server} so far in AppendEntries, by any server (lost ones too). */
  public long entriesTo(int server) {
    return entriesTo[server];
  }

  /**
   * Elections stood so far: one per server and term in which it asked for votes (seen by its
   * RequestVote messages), so two candidates splitting a term count twice.
   */
  public long elections() {
    return electionsStood.size();
  }

  /** Elections {@code server} has stood so far (see {@link #elections()}). */
  public long elections(int server) {
    String prefix = id(server) + "@";
    return electionsStood.stream().filter(e -> e.startsWith(prefix)).count();
  }

  /** Approximate bytes sent by all servers so far (commands count their string length). */
  public long bytesTotal() {
    return sim.stats().bytesSent();
  }

  /** Size of a server's saved Raft state (snapshot excluded). */
  public int raftStateSize(int i) {
    return new Persister(sim.storage(id(i))).raftStateSize();
  }

  /** The snapshot a server saved last (its Raft's {@code Persister}), if any. */
  public byte[] savedSnapshot(int i) {
    return new Persister(sim.storage(id(i)))
        .readSnapshot()
        .orElseThrow(() -> sim.fail(id(i) + " saved no snapshot"));
  }

  /** Highest index any server has applied. */
  public int maxIndex() {
    return maxIndex;
  }

  /** Final checks; call at the end of a test. */
  public void end() {
    runFor(0);
  }

  // ---- The tester's service: applies commands, takes snapshots -------------------------------

  private void apply(int i, ApplyMsg m) {
    if (m.snapshotValid()) {
      TestSnapshot s = Persister.decode(m.snapshot(), TestSnapshot.class);
      if (s.lastIncludedIndex() != m.snapshotIndex()) {
        violation(id(i) + ": snapshot index " + m.snapshotIndex() + " does not match its contents");
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
          id(i)
              + " applied index "
              + index
              + " out of order (last applied "
              + lastApplied[i]
              + ")");
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
            id(i)
                + " applied "
                + command
                + " at index "
                + index
                + " but "
                + id(j)
                + " applied "
                + other);
      }
    }
  }

  private void violation(String what) {
    if (applyViolation == null) {
      applyViolation = what;
    }
  }

  private String electionSafety() {
    if (leaderRpcViolation != null) {
      return leaderRpcViolation;
    }
    for (int i = 0; i < n; i++) {
      Raft r = rafts[i];
      if (r != null && isUp(i)) {
        RaftState s = r.getState();
        if (s.isLeader()) {
          String previous = leaderOfTerm.putIfAbsent(s.term(), id(i));
          if (previous != null && !previous.equals(id(i))) {
            return "two leaders in term " + s.term() + ": " + previous + ", " + id(i);
          }
        }
      }
    }
    return null;
  }

  /** Tells the log invariants which server handled a message or timer. */
  /** Watches a server's votes: at most one per term, even across crashes. */
  private final class VoteWatchingEnv implements NodeEnv<Message> {
    private final NodeEnv<Message> env;

    VoteWatchingEnv(NodeEnv<Message> env) {
      this.env = env;
    }

    @Override
    public void send(String to, Message m) {
      if (m instanceof RaftMessage.AppendEntries a) {
        appendEntriesTo[Integer.parseInt(to.substring(1))]++;
        entriesTo[Integer.parseInt(to.substring(1))] += a.entries().size();
        recordLeaderRpc(a.term(), "AppendEntries");
      }
      if (m instanceof RaftMessage.InstallSnapshot i) {
        recordLeaderRpc(i.term(), "InstallSnapshot");
      }
      if (m instanceof RaftMessage.RequestVote v && v.candidateId().equals(env.self())) {
        electionsStood.add(env.self() + "@" + v.term());
        // A candidate asking for votes has voted for itself.
        recordVote(v.term(), env.self());
      }
      if (m instanceof RaftMessage.RequestVoteReply r && r.voteGranted()) {
        recordVote(r.term(), to);
      }
      env.send(to, m);
    }

    /** Only a term's leader sends its AppendEntries and InstallSnapshots: one sender per term. */
    private void recordLeaderRpc(int term, String type) {
      String first = senderOfTerm.putIfAbsent(term, env.self());
      if (first != null && !first.equals(env.self()) && leaderRpcViolation == null) {
        leaderRpcViolation =
            env.self()
                + " sent an "
                + type
                + " of term "
                + term
                + ", in which "
                + first
                + " had sent them first: only the leader of a term sends AppendEntries and"
                + " InstallSnapshot in it, or followers take a second server's log for the"
                + " leader's (a leader that steps down must stop sending heartbeats)";
      }
    }

    private void recordVote(int term, String candidate) {
      String previous = voteOfServerInTerm.putIfAbsent(env.self() + "@" + term, candidate);
      if (previous != null && !previous.equals(candidate) && voteViolation == null) {
        voteViolation =
            env.self() + " voted for both " + previous + " and " + candidate + " in term " + term;
      }
    }

    @Override
    public String self() {
      return env.self();
    }

    @Override
    public List<String> peers() {
      return env.peers();
    }

    @Override
    public StableStorage storage() {
      return env.storage();
    }

    @Override
    public Random random() {
      return env.random();
    }

    @Override
    public long nowMillis() {
      return env.nowMillis();
    }

    @Override
    public void log(String format, Object... args) {
      env.log(format, args);
    }
  }

  private <T> T failHere(String what) {
    throw sim.fail(what);
  }

  /** Message size for byte budgets: a fixed header plus the commands' string lengths. */
  static long approximateSize(Object m) {
    long size = 32;
    if (m instanceof RaftMessage.AppendEntries a) {
      for (var e : a.entries()) {
        size += 8 + (e.command() instanceof String c ? c.length() : 8);
      }
    } else if (m instanceof RaftMessage.InstallSnapshot s) {
      size += s.data().length;
    }
    return size;
  }
}
