package io.pdslab.labs.replication.given.cluster;

import io.pdslab.harness.cluster.ClusterDriver;
import io.pdslab.harness.cluster.ServerAddress;
import io.pdslab.harness.lin.HistoryRecorder;
import io.pdslab.harness.lin.model.KvModel;
import io.pdslab.labs.replication.given.Clerk;
import io.pdslab.labs.replication.given.Replica;
import io.pdslab.labs.replication.given.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BooleanSupplier;

/**
 * The driver's clients: one thread per {@link Clerk}, each with its own connection to every
 * replica, running the {@link Workload} until the run ends.
 */
final class ClientsDriver implements ClusterDriver<KvModel.Op, String> {
  /** Keys of the workload: few enough that clients contend, enough to keep the check fast. */
  private static final int KEYS = 8;

  private final List<ServerAddress> servers;
  private final int clientPort;
  private final List<Thread> threads = new ArrayList<>();
  private final List<Replica> links = new ArrayList<>();
  private final List<String> failures = new ArrayList<>();

  ClientsDriver(List<ServerAddress> servers, int clientPort) {
    this.servers = servers;
    this.clientPort = clientPort;
  }

  @Override
  public synchronized void startClient(
      int client,
      Random random,
      HistoryRecorder<KvModel.Op, String> history,
      BooleanSupplier running) {
    List<Replica> replicas = new ArrayList<>();
    for (ServerAddress s : servers) {
      replicas.add(new RemoteReplica(s.id(), s.host(), s.port(clientPort)));
    }
    links.addAll(replicas);
    List<Replica> all = List.copyOf(replicas);
    // Two streams: the workload's operations must not depend on how often the clerk retried.
    Random workload = new Random(random.nextLong());
    Clerk clerk =
        new Clerk(
            client,
            () -> all,
            history,
            new Random(random.nextLong()),
            Clerk.ClientFaults.NONE,
            running);
    Thread t =
        new Thread(
            () -> {
              try {
                Workload.run(clerk, Integer.MAX_VALUE, KEYS, workload);
              } catch (RuntimeException e) {
                failed("client " + client + " stopped: " + e);
              }
            },
            "client-" + client);
    t.setDaemon(true);
    threads.add(t);
    t.start();
  }

  private synchronized void failed(String what) {
    failures.add(what);
  }

  @Override
  public synchronized List<String> failures() {
    return List.copyOf(failures);
  }

  @Override
  public void close() {
    List<Thread> clients;
    synchronized (this) {
      clients = List.copyOf(threads);
    }
    for (Thread t : clients) {
      try {
        t.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    synchronized (this) {
      links.forEach(Replica::close);
    }
  }
}
