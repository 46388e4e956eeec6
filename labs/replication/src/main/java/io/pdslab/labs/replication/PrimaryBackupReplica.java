package io.pdslab.labs.replication;

import io.pdslab.labs.replication.given.Backups;
import io.pdslab.labs.replication.given.Command;
import io.pdslab.labs.replication.given.GroupReplica;
import io.pdslab.labs.replication.given.Reply;
import io.pdslab.labs.replication.given.Snapshot;
import java.io.InputStream;
import java.io.OutputStream;
import org.jgroups.JChannel;
import org.jgroups.View;
import org.jgroups.ViewId;
import org.jgroups.blocks.MethodCall;
import org.jgroups.blocks.RpcDispatcher;

/**
 * Part B: primary-backup replication. The view's coordinator is the primary: it executes requests
 * one at a time, and applies a write only after every backup of the view has applied it (a
 * synchronous RPC), then answers. Backups answer {@link Reply#notPrimary()}. When a backup becomes
 * primary (the old one crashed), it first makes every backup's state equal to its own.
 */
public final class PrimaryBackupReplica extends GroupReplica {

  /** How long the primary waits for its backups before answering {@link Reply#timeout()}. */
  private static final long RPC_TIMEOUT_MS = 2_000;

  private final KvStateMachine state = new KvStateMachine();
  // BEGIN SOLUTION
  private static final Class<?>[] ARG_TYPES = {Command.class};
  private static final Class<?>[] SNAPSHOT_TYPE = {Snapshot.class};

  private final Object writeLock = new Object();
  private RpcDispatcher dispatcher;

  /** The view whose backups hold the primary's state; guarded by {@code writeLock}. */
  private ViewId syncedView;

  // END SOLUTION

  /** A replica on {@code channel}, not connected yet. */
  public PrimaryBackupReplica(JChannel channel, String cluster) {
    super(channel, cluster, "pb");
  }

  @Override
  public void start() throws Exception {
    // BEGIN SOLUTION
    dispatcher = new RpcDispatcher(channel, this);
    dispatcher.setReceiver(this);
    channel.connect(cluster, null, STATE_TIMEOUT_MS);
    // END SOLUTION
    // STUB: throw new UnsupportedOperationException("TODO: PrimaryBackupReplica.start (part B)");
  }

  @Override
  public Reply execute(Command command) {
    // BEGIN SOLUTION
    synchronized (writeLock) {
      View v = view();
      if (!isCoordinator(v)) {
        return Reply.notPrimary();
      }
      if (!command.isWrite()) {
        return Reply.ok(state.read(command.key()));
      }
      if (!syncBackups(v)) {
        return Reply.timeout();
      }
      // Forwarded even if it is a duplicate: a backup may have missed it when the old primary
      // crashed; backups detect duplicates themselves.
      MethodCall apply = new MethodCall("backupApply", new Object[] {command}, ARG_TYPES);
      if (!Backups.callAll(dispatcher, v, apply, RPC_TIMEOUT_MS).reachedEveryMember()) {
        syncedView = null; // some backups may have it, some not: re-sync before the next write
        return Reply.timeout();
      }
      return state.apply(command);
    }
    // END SOLUTION
    // STUB: throw new UnsupportedOperationException("TODO: PrimaryBackupReplica.execute (part B)");
  }

  // BEGIN SOLUTION
  /** Called by the primary's RPC: a backup applies a write. */
  public Reply backupApply(Command command) {
    return state.apply(command);
  }

  /** Called by a new primary's RPC: a backup takes the primary's whole state. */
  public void backupInstall(Snapshot snapshot) {
    state.restore(snapshot);
  }

  /** Makes the backups of {@code v} equal to this primary, once per view; holds writeLock. */
  private boolean syncBackups(View v) {
    if (v.getViewId().equals(syncedView)) {
      return true;
    }
    MethodCall install =
        new MethodCall("backupInstall", new Object[] {state.snapshot()}, SNAPSHOT_TYPE);
    if (!Backups.callAll(dispatcher, v, install, RPC_TIMEOUT_MS).reachedEveryMember()) {
      return false;
    }
    syncedView = v.getViewId();
    return true;
  }

  // END SOLUTION

  /** A new primary syncs its backups off this thread (never block here). */
  @Override
  protected void onView(View v) {
    // BEGIN SOLUTION
    if (isCoordinator(v)) {
      inBackground(
          () -> {
            synchronized (writeLock) {
              View now = view();
              if (isCoordinator(now)) {
                syncBackups(now);
              }
            }
          });
    }
    // END SOLUTION
  }

  /** The state for a joiner, consistent with the writes in progress. */
  @Override
  public void getState(OutputStream output) throws Exception {
    // BEGIN SOLUTION
    Snapshot snapshot;
    synchronized (writeLock) {
      snapshot = state.snapshot();
    }
    snapshot.writeTo(output);
    // END SOLUTION
  }

  @Override
  public void setState(InputStream input) throws Exception {
    // BEGIN SOLUTION
    state.restore(Snapshot.readFrom(input));
    // END SOLUTION
  }

  @Override
  public Snapshot snapshot() {
    return state.snapshot();
  }

  @Override
  public void close() {
    // BEGIN SOLUTION
    if (dispatcher != null) {
      dispatcher.stop();
    }
    // END SOLUTION
    super.close();
  }
}
