package io.pdslab.labs.raft.testing;

import io.pdslab.harness.sim.Simulation;
import io.pdslab.labs.raft.Raft;
import io.pdslab.labs.raft.given.Message;
import io.pdslab.labs.raft.given.Persister;
import io.pdslab.labs.raft.given.kv.KvMessage;
import io.pdslab.labs.raft.given.kv.KvMessage.KvReply;
import io.pdslab.labs.raft.given.kv.KvMessage.KvRequest;
import io.pdslab.labs.raft.kv.KvServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * A key-value tester for scripted scenarios: {@link KvServer}s in the simulator, and clients that
 * are plain mailboxes. The test decides which server each request goes to and when, and reads every
 * answer, including late ones that a real clerk (which moves on) would never see.
 */
public final class ScriptedKv {
  private final Simulation sim;
  private final List<String> servers;
  private final Raft[] rafts;
  private final List<KvReply> replies = new ArrayList<>();

  /**
   * {@code n} servers (snapshotting at {@code maxRaftState} bytes, -1: never), clients c0..c{k-1}.
   */
  public ScriptedKv(Simulation sim, int n, int clients, int maxRaftState) {
    this.sim = sim;
    this.rafts = new Raft[n];
    this.servers =
        sim.<Message>nodes(
            n,
            env ->
                KvServer.create(
                    env, maxRaftState, r -> rafts[Integer.parseInt(env.self().substring(1))] = r));
    for (int c = 0; c < clients; c++) {
      sim.<Message>node(
          "c" + c,
          env ->
              Behaviors.receive(Message.class)
                  .onMessage(
                      KvReply.class,
                      r -> {
                        replies.add(r);
                        return Behaviors.same();
                      })
                  .build());
    }
    sim.runFor(Duration.ZERO);
  }

  public List<String> servers() {
    return servers;
  }

  /** Whether {@code server} is up and believes it leads. */
  public boolean isLeader(String server) {
    Raft r = rafts[Integer.parseInt(server.substring(1))];
    return sim.isUp(server) && r != null && r.getState().isLeader();
  }

  /** Waits until one of {@code among} leads (the one of the highest term); fails after 5 s. */
  public String awaitLeader(List<String> among) {
    String[] leader = {null};
    sim.runUntil(
        "a leader among " + among,
        () -> {
          int best = -1;
          for (String s : among) {
            if (isLeader(s)) {
              int term = rafts[Integer.parseInt(s.substring(1))].getState().term();
              if (term > best) {
                best = term;
                leader[0] = s;
              }
            }
          }
          return leader[0] != null;
        },
        Duration.ofSeconds(5));
    return leader[0];
  }

  /** The size of what {@code server}'s Raft saved (its state and log, without the snapshot). */
  public int raftStateSize(String server) {
    return new Persister(sim.storage(server)).raftStateSize();
  }

  /** Sends a request from {@code client} to {@code server}, without waiting. */
  public KvRequest send(
      String client, String server, long seq, KvMessage.Kind kind, String key, String value) {
    KvRequest r = new KvRequest(client, seq, kind, key, value);
    sim.send(client, server, r);
    return r;
  }

  /** Every answer {@code client} got for its request {@code seq}, in order of arrival. */
  public List<KvReply> answers(String client, long seq) {
    return replies.stream().filter(r -> r.clientId().equals(client) && r.seq() == seq).toList();
  }

  /** The first OK answer to {@code client}'s request {@code seq}, if any. */
  public Optional<KvReply> ok(String client, long seq) {
    return answers(client, seq).stream().filter(r -> KvMessage.OK.equals(r.err())).findFirst();
  }

  /**
   * Runs a request to completion as a clerk would, trying every server in {@code among} in turn
   * until one answers OK (answers from before the call, to an earlier try, do not count); fails
   * after 10 s. Returns the value.
   */
  public String call(
      List<String> among, String client, long seq, KvMessage.Kind kind, String key, String value) {
    int from = replies.size();
    Supplier<Optional<KvReply>> fresh =
        () ->
            replies.subList(from, replies.size()).stream()
                .filter(r -> r.clientId().equals(client) && r.seq() == seq)
                .filter(r -> KvMessage.OK.equals(r.err()))
                .findFirst();
    long deadline = sim.now() + 10_000;
    int next = 0;
    while (sim.now() < deadline) {
      send(client, among.get(next++ % among.size()), seq, kind, key, value);
      if (sim.tryRunUntil(() -> fresh.get().isPresent(), Duration.ofMillis(300))) {
        return fresh.get().get().value();
      }
    }
    throw sim.fail(
        "no server of " + among + " completed " + kind + " " + key + " of " + client + " in 10 s");
  }
}
