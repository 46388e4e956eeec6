package io.pdslab.labs.replication;

import io.pdslab.labs.replication.given.Command;
import io.pdslab.labs.replication.given.Replica;
import io.pdslab.labs.replication.given.Reply;
import io.pdslab.labs.replication.given.Snapshot;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jgroups.Address;
import org.jgroups.JChannel;
import org.jgroups.Receiver;
import org.jgroups.View;
import org.jgroups.ViewId;
import org.jgroups.blocks.MethodCall;
import org.jgroups.blocks.RequestOptions;
import org.jgroups.blocks.RpcDispatcher;
import org.jgroups.util.Rsp;
import org.jgroups.util.RspList;

/**
 * Part B: primary-backup replication. The view's coordinator is the primary: it executes requests
 * one at a time, and applies a write only after every backup of the view has applied it (a
 * synchronous RPC), then answers. Backups answer {@link Reply#notPrimary()}. When a backup becomes
 * primary (the old one crashed), it first makes every backup's state equal to its own.
 */
public final class PrimaryBackupReplica implements Replica, Receiver {

  /** How long the primary waits for its backups before answering {@link Reply#timeout()}. */
  private static final long RPC_TIMEOUT_MS = 2_000;

  private static final long STATE_TIMEOUT_MS = 10_000;

  private final JChannel channel;
  private final String cluster;
  private final KvStateMachine state = new KvStateMachine();
  private final Object writeLock = new Object();
  private final ExecutorService syncer =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "pb-sync");
            t.setDaemon(true);
            return t;
          });
  private RpcDispatcher dispatcher;
  private volatile View view;

  /** The view whose backups hold the primary's state; guarded by {@code writeLock}. */
  private ViewId syncedView;


  /** A replica on {@code channel}, not connected yet. */
  public PrimaryBackupReplica(JChannel channel, String cluster) {
    this.channel = channel;
    this.cluster = cluster;
  }

  @Override
  public void start() throws Exception {
    dispatcher = new RpcDispatcher(channel, this);
    dispatcher.setReceiver(this);
    channel.connect(cluster, null, STATE_TIMEOUT_MS);
  }

  @Override
  public Reply execute(Command command) {
    synchronized (writeLock) {
      View v = view;
      if (!isPrimary(v)) {
        return Reply.notPrimary();
      }
      if (!command.isWrite()) {
        return Reply.ok(state.read(command.key()));
      }
      if (!syncBackups(v)) {
        return Reply.timeout();
      }
      // Faster: apply, tell the backups without waiting for them, answer at once.
      Reply reply = state.apply(command);
      List<Address> backups = v.getMembers().stream().filter(a -> !a.equals(v.getCoord())).toList();
      try {
        dispatcher.callRemoteMethods(
            backups,
            new MethodCall("backupApply", new Object[] {command}, ARG_TYPES),
            RequestOptions.ASYNC());
      } catch (Exception e) {
        // the backups will catch up
      }
      return reply;
    }
  }

  private static final Class<?>[] ARG_TYPES = {Command.class};
  private static final Class<?>[] SNAPSHOT_TYPE = {Snapshot.class};

  /** Called by the primary's RPC: a backup applies a write. */
  public Reply backupApply(Command command) {
    return state.apply(command);
  }

  /** Called by a new primary's RPC: a backup takes the primary's whole state. */
  public void backupInstall(Snapshot snapshot) {
    state.restore(snapshot);
  }

  private boolean isPrimary(View v) {
    return v != null && channel.getAddress() != null && channel.getAddress().equals(v.getCoord());
  }

  /** Makes the backups of {@code v} equal to this primary, once per view; holds writeLock. */
  private boolean syncBackups(View v) {
    if (v.getViewId().equals(syncedView)) {
      return true;
    }
    MethodCall install =
        new MethodCall("backupInstall", new Object[] {state.snapshot()}, SNAPSHOT_TYPE);
    if (!allAnswered(call(v, install))) {
      return false;
    }
    syncedView = v.getViewId();
    return true;
  }

  private RspList<Object> call(View v, MethodCall call) {
    List<Address> backups = v.getMembers().stream().filter(a -> !a.equals(v.getCoord())).toList();
    if (backups.isEmpty()) {
      return new RspList<>();
    }
    try {
      return dispatcher.callRemoteMethods(
          backups, call, RequestOptions.SYNC().timeout(RPC_TIMEOUT_MS));
    } catch (Exception e) {
      return null;
    }
  }

  /** Whether every backup answered, or left the view (crashed) so it needs no copy. */
  private static boolean allAnswered(RspList<Object> rsps) {
    if (rsps == null) {
      return false;
    }
    for (Rsp<Object> rsp : rsps.values()) {
      if (!rsp.wasReceived() && !rsp.wasSuspected() && !rsp.wasUnreachable()) {
        return false;
      }
      if (rsp.hasException()) {
        return false;
      }
    }
    return true;
  }


  /** Records the view; a new primary syncs its backups off this thread (never block here). */
  @Override
  public void viewAccepted(View v) {
    view = v;
    if (isPrimary(v)) {
      try {
        syncer.execute(
            () -> {
              synchronized (writeLock) {
                View now = view;
                if (isPrimary(now)) {
                  syncBackups(now);
                }
              }
            });
      } catch (java.util.concurrent.RejectedExecutionException closed) {
        // closing
      }
    }
  }

  /** The state for a joiner, consistent with the writes in progress. */
  @Override
  public void getState(OutputStream output) throws Exception {
    Snapshot snapshot;
    synchronized (writeLock) {
      snapshot = state.snapshot();
    }
    snapshot.writeTo(output);
  }

  @Override
  public void setState(InputStream input) throws Exception {
    state.restore(Snapshot.readFrom(input));
  }

  @Override
  public Snapshot snapshot() {
    return state.snapshot();
  }

  @Override
  public List<String> members() {
    View v = view;
    return v == null ? List.of() : v.getMembers().stream().map(String::valueOf).toList();
  }

  @Override
  public void close() {
    syncer.shutdownNow();
    if (dispatcher != null) {
      dispatcher.stop();
    }
    channel.close();
  }
}
