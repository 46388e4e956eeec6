package io.pdslab.labs.replication.given;

import io.pdslab.harness.lin.CheckResult;
import io.pdslab.harness.lin.HistoryRecorder;
import io.pdslab.harness.lin.LinearizabilityChecker;
import io.pdslab.harness.lin.Operation;
import io.pdslab.harness.lin.html.ViolationHtml;
import io.pdslab.harness.lin.model.KvModel;
import io.pdslab.harness.sim.Seeds;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Concurrent clients of a {@link ReplicaGroup}: each runs the seeded {@link Workload} through its
 * own {@link Clerk} on its own thread, all recorded in one history that {@link #assertLinearizable}
 * hands to the harness's checker.
 */
public final class Clients {

  private final ReplicaGroup group;
  private final HistoryRecorder<KvModel.Op, String> history =
      new HistoryRecorder<>(System::nanoTime);
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final List<Thread> threads = new ArrayList<>();

  /** Clients of {@code group}. */
  public Clients(ReplicaGroup group) {
    this.group = group;
  }

  /** A clerk for client {@code id}, on this history, with the seeded link faults {@code faults}. */
  public Clerk clerk(int id, Clerk.ClientFaults faults) {
    return new Clerk(
        id, group::live, history, Seeds.random(group.seed(), "client " + id), faults, running::get);
  }

  /**
   * A clerk for client {@code id} that only ever talks to {@code replica}, over a reliable link.
   */
  public Clerk clerkOn(int id, Replica replica) {
    return new Clerk(
        id,
        () -> List.of(replica),
        history,
        Seeds.random(group.seed(), "client " + id),
        Clerk.ClientFaults.NONE,
        running::get);
  }

  /** Starts {@code count} clients, each running {@code ops} operations over {@code keys} keys. */
  public void start(int count, int ops, int keys, Clerk.ClientFaults faults) {
    for (int id = 1; id <= count; id++) {
      Clerk clerk = clerk(id, faults);
      var random = Seeds.random(group.seed(), "workload " + id);
      Thread t = new Thread(() -> Workload.run(clerk, ops, keys, random), "client-" + id);
      t.setDaemon(true);
      threads.add(t);
      t.start();
    }
  }

  /** How many operations have completed so far. */
  public long completed() {
    return history.history().stream().filter(o -> !o.isPending()).count();
  }

  /** Waits until {@code n} operations have completed. */
  public void awaitCompleted(long n) {
    ReplicaGroup.waiting(n + " operations completed").until(() -> completed() >= n);
  }

  /** Waits for every client to finish its workload; then stops them. */
  public void awaitDone() {
    try {
      ReplicaGroup.waiting("clients finish")
          .until(() -> threads.stream().noneMatch(Thread::isAlive));
    } finally {
      running.set(false);
    }
  }

  /** The history so far. */
  public List<Operation<KvModel.Op, String>> history() {
    return history.history();
  }

  /** The recorder, for operations a test runs itself. */
  public HistoryRecorder<KvModel.Op, String> recorder() {
    return history;
  }

  /**
   * Checks the history; on a violation writes the checker's HTML to {@code target/pdslab-traces/}
   * and throws an error with the explanation and the group's report (seed, faults).
   */
  public void assertLinearizable(String test) {
    running.set(false);
    List<Operation<KvModel.Op, String>> ops = history.history();
    CheckResult<KvModel.Op, String> result =
        LinearizabilityChecker.check(new KvModel(), ops, Duration.ofSeconds(20));
    if (result.isLinearizable()) {
      return;
    }
    String where = "";
    if (result.explanation().isPresent()) {
      Path html =
          Path.of("target", "pdslab-traces", test + "-seed" + group.seed() + "-violation.html");
      try {
        ViolationHtml.write(result.explanation().get(), test + " seed " + group.seed(), html);
        where = "\nviolation diagram: " + html.toAbsolutePath();
      } catch (IOException e) {
        where = "\n(could not write " + html + ": " + e + ")";
      }
    }
    throw new AssertionError(
        "history of "
            + ops.size()
            + " operations is not linearizable: "
            + result.toText()
            + where
            + "\n"
            + group.report());
  }
}
