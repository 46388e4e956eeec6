package io.pdslab.labs.replication.given;

import io.pdslab.harness.lin.HistoryRecorder;
import io.pdslab.harness.lin.model.KvModel;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * A client of the replicated store: numbers its requests, retries each one (same (clientId, seq))
 * on the next replica until a replica executes it, and records every operation in a history for the
 * linearizability checker. One thread per clerk.
 *
 * <p>The link between clerk and replica is unreliable too, by a seeded stream per client: a request
 * may be sent twice ({@link ClientFaults#duplicate()}) and an executed request's reply may be lost
 * ({@link ClientFaults#lostReply()}), so the clerk retries a request that was already executed.
 */
public final class Clerk {

  /** Pause after asking every replica in turn without success, so a retry storm stays small. */
  private static final long BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

  private final int clientId;
  private final Supplier<List<Replica>> replicas;
  private final HistoryRecorder<KvModel.Op, String> history;
  private final Random random;
  private final ClientFaults faults;
  private final BooleanSupplier running;
  private long seq;
  private int preferred;

  /**
   * @param clientId this client's id (also its number in the history); its first request goes to
   *     replica {@code clientId mod n}, so clients spread over the replicas
   * @param replicas the replicas alive now (asked again before every attempt)
   * @param history where operations are recorded
   * @param random this client's seeded stream for its link faults
   * @param faults the link's fault rates
   * @param running false once the test stops: the operation in progress is abandoned (pending)
   */
  public Clerk(
      int clientId,
      Supplier<List<Replica>> replicas,
      HistoryRecorder<KvModel.Op, String> history,
      Random random,
      ClientFaults faults,
      BooleanSupplier running) {
    this.clientId = clientId;
    this.replicas = replicas;
    this.history = history;
    this.random = random;
    this.faults = faults;
    this.running = running;
    this.preferred = clientId;
  }

  /** The clerk's client id. */
  public int clientId() {
    return clientId;
  }

  /** Reads {@code key}: {@code ""} if it was never written, null if abandoned. */
  public String get(String key) {
    return run(KvModel.Kind.GET, key, null);
  }

  /** Sets {@code key} to {@code value}; false if abandoned. */
  public boolean put(String key, String value) {
    return run(KvModel.Kind.PUT, key, value) != null;
  }

  /** Appends {@code value} to {@code key}; false if abandoned. */
  public boolean append(String key, String value) {
    return run(KvModel.Kind.APPEND, key, value) != null;
  }

  /** Runs one operation to completion (or abandonment) and records it. */
  private String run(KvModel.Kind kind, String key, String value) {
    Command command = new Command(clientId, ++seq, kind, key, value);
    long op = history.invoke(clientId, command.op());
    Reply reply = call(command);
    if (reply == null) {
      return null;
    }
    // A replica that built its reply as new Reply(OK, null) still answered: "" (no value).
    String out = kind == KvModel.Kind.GET && reply.value() != null ? reply.value() : "";
    history.complete(op, out);
    return out;
  }

  private Reply call(Command command) {
    int failures = 0;
    for (int target = preferred; running.getAsBoolean(); target++) {
      List<Replica> alive = replicas.get();
      if (!alive.isEmpty()) {
        int index = Math.floorMod(target, alive.size());
        Replica replica = alive.get(index);
        if (random.nextDouble() < faults.duplicate()) {
          send(replica, command);
        }
        Reply reply = send(replica, command);
        boolean lost = random.nextDouble() < faults.lostReply();
        if (reply != null && reply.isOk() && !lost) {
          preferred = index;
          return reply;
        }
      }
      if (++failures % Math.max(1, alive.size()) == 0) {
        LockSupport.parkNanos(BACKOFF_NANOS);
      }
    }
    return null;
  }

  /** One attempt; a replica that throws (e.g. its channel was closed under it) gave no answer. */
  private static Reply send(Replica replica, Command command) {
    try {
      return replica.execute(command);
    } catch (RuntimeException e) {
      return null;
    }
  }

  /**
   * Fault rates of the client-replica link.
   *
   * @param duplicate probability that a request is sent twice
   * @param lostReply probability that an executed request's reply is lost
   */
  public record ClientFaults(double duplicate, double lostReply) {
    /** A reliable link. */
    public static final ClientFaults NONE = new ClientFaults(0, 0);

    /** One request in ten duplicated, one reply in ten lost. */
    public static ClientFaults lossy() {
      return new ClientFaults(0.1, 0.1);
    }
  }
}
