package io.pdslab.labs.replication.given.cluster;

import io.pdslab.harness.cluster.link.RequestClient;
import io.pdslab.labs.replication.given.Command;
import io.pdslab.labs.replication.given.Replica;
import io.pdslab.labs.replication.given.Reply;
import io.pdslab.labs.replication.given.Snapshot;
import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * A client's view of a replica in another JVM: {@link #execute} sends the command over the client
 * link; no answer in time (a killed, paused or slow node) is no reply, and the {@link
 * io.pdslab.labs.replication.given.Clerk} retries elsewhere. The other methods of {@link Replica}
 * are for tests in the replica's own JVM and are not available here.
 */
final class RemoteReplica implements Replica {
  /** Longer than a replica takes to answer (its own timeouts are 2 s, plus a re-sync). */
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  private final String id;
  private final RequestClient link;

  RemoteReplica(String id, String host, int port) {
    this.id = id;
    this.link = new RequestClient(host, port, TIMEOUT, ReplicationClusterApp.LINK_CLASSES);
  }

  @Override
  public Reply execute(Command command) {
    try {
      return (Reply) link.call(command);
    } catch (IOException e) {
      return null;
    }
  }

  @Override
  public void start() {
    throw new UnsupportedOperationException(id + " runs in another JVM");
  }

  @Override
  public Snapshot snapshot() {
    throw new UnsupportedOperationException(id + " runs in another JVM");
  }

  @Override
  public List<String> members() {
    throw new UnsupportedOperationException(id + " runs in another JVM");
  }

  @Override
  public void close() {
    link.close();
  }
}
