package io.pdslab.harness.cluster.pekko;

import io.pdslab.harness.node.NodeEnv;
import io.pdslab.harness.node.StableStorage;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link NodeEnv} on a real Pekko cluster: messages go through Artery to whichever actor the
 * receptionist lists under the destination id, time is the monotonic clock, and log lines go to
 * SLF4J under {@code node.<id>}. The nemesis can cut it off from some peers: messages to them are
 * dropped, as a network partition would (Pekko's own traffic still flows, so the cluster does not
 * remove anyone).
 */
final class PekkoNodeEnv<M> implements NodeEnv<M> {
  private final String self;
  private final List<String> peers;
  private final Directory<M> directory;
  private final StableStorage storage;
  private final Random random;
  private final Logger log;
  private volatile Set<String> cutOff = Set.of();

  PekkoNodeEnv(
      String self,
      List<String> servers,
      Directory<M> directory,
      StableStorage storage,
      Random random) {
    this.self = self;
    this.peers = servers.stream().filter(s -> !s.equals(self)).sorted().toList();
    this.directory = directory;
    this.storage = storage;
    this.random = random;
    this.log = LoggerFactory.getLogger("node." + self);
  }

  @Override
  public String self() {
    return self;
  }

  @Override
  public List<String> peers() {
    return peers;
  }

  /** Drops every later message to {@code ids} (servers of this run), until the next call. */
  void cutOff(Set<String> ids) {
    cutOff = Set.copyOf(ids);
  }

  @Override
  public void send(String to, M message) {
    if (cutOff.contains(to)) {
      log.debug("partitioned from {}, dropped {}", to, message);
      return;
    }
    List<ActorRef<M>> refs = directory.refs(to);
    if (refs.isEmpty()) {
      // Not discovered yet, or gone: the network lost the message, which every node must tolerate.
      log.debug("no route to {}, dropped {}", to, message);
    }
    for (ActorRef<M> ref : refs) {
      ref.tell(message);
    }
  }

  @Override
  public StableStorage storage() {
    return storage;
  }

  @Override
  public Random random() {
    return random;
  }

  @Override
  public long nowMillis() {
    return System.nanoTime() / 1_000_000;
  }

  @Override
  public void log(String format, Object... args) {
    if (log.isInfoEnabled()) {
      log.info(String.format(format, args));
    }
  }
}
