package io.pdslab.labs.replication;

import io.pdslab.labs.replication.given.Backups;
import io.pdslab.labs.replication.given.Command;
import io.pdslab.labs.replication.given.GroupReplica;
import io.pdslab.labs.replication.given.Reply;
import io.pdslab.labs.replication.given.Snapshot;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import org.jgroups.Address;
import org.jgroups.JChannel;
import org.jgroups.MergeView;
import org.jgroups.View;
import org.jgroups.ViewId;
import org.jgroups.blocks.MethodCall;
import org.jgroups.blocks.RequestOptions;
import org.jgroups.blocks.RpcDispatcher;

/**
 * Part D: primary-backup that survives partitions. The group has a fixed size {@code groupSize};
 * only a view with a majority of it ({@code > groupSize / 2} members) may execute anything, and its
 * coordinator is the primary, as in part B. A member whose view is a minority answers {@link
 * Reply#unavailable()}, reads included: it executed nothing.
 *
 * <p>When the sides merge, JGroups installs a {@link MergeView} whose coordinator may come from any
 * side. Every member picks the same <em>primary subgroup</em> from the merge view's subgroups: the
 * largest (the majority, if one side had it), ties broken by the lowest coordinator address.
 * Members of other subgroups hold state nobody may keep. A new primary from such a subgroup first
 * fetches the state from the primary subgroup's coordinator (an RPC, on its own thread, never in
 * {@code viewAccepted}), which also promises to execute nothing more in its old view; then it
 * copies the state to its backups like any new primary. Until then it answers {@link
 * Reply#unavailable()}.
 */
public final class PartitionedReplica extends GroupReplica {

  /** How long the primary waits for its backups before answering {@link Reply#timeout()}. */
  private static final long RPC_TIMEOUT_MS = 2_000;

  private final int groupSize;
  private final KvStateMachine state = new KvStateMachine();
  // BEGIN SOLUTION
  private static final Class<?>[] ARG = {Command.class, long.class};
  private static final Class<?>[] SNAPSHOT = {Snapshot.class, long.class};

  private final Object writeLock = new Object();
  private RpcDispatcher dispatcher;

  /**
   * Non-null while this member's state came from a subgroup that lost a merge: the members of the
   * primary subgroup, one of which has the state to fetch.
   */
  private volatile List<Address> fetchFrom;

  /**
   * The view in which this member handed its state to a merged group's primary: it executes nothing
   * more in it (it may not have installed the merge view yet). Guarded by {@code writeLock}.
   */
  private View handedOverIn;

  /** The view whose backups hold the primary's state; guarded by {@code writeLock}. */
  private ViewId syncedView;

  private final Object backupLock = new Object();

  /**
   * The newest view number this member has seen, in a view or in a primary's call: a backup call
   * from an older view is stale. Guarded by {@code backupLock}.
   */
  private long fence = -1;

  // END SOLUTION

  /**
   * A replica on {@code channel}, not connected yet.
   *
   * @param groupSize how many replicas the group has when whole; a majority is more than half
   */
  public PartitionedReplica(JChannel channel, String cluster, int groupSize) {
    super(channel, cluster, "partitioned");
    this.groupSize = groupSize;
  }

  @Override
  public void start() throws Exception {
    // BEGIN SOLUTION
    dispatcher = new RpcDispatcher(channel, this);
    dispatcher.setReceiver(this);
    channel.connect(cluster, null, STATE_TIMEOUT_MS);
    // END SOLUTION
    // STUB: throw new UnsupportedOperationException("TODO: PartitionedReplica.start (part D)");
  }

  /**
   * A minority member (or a primary still fetching the state after a merge) answers {@link
   * Reply#unavailable()}; a backup {@link Reply#notPrimary()}; the primary executes as in part B.
   */
  @Override
  public Reply execute(Command command) {
    // BEGIN SOLUTION
    synchronized (writeLock) {
      View v = view();
      if (!isMajority(v)) {
        return Reply.unavailable();
      }
      if (!isCoordinator(v)) {
        return Reply.notPrimary();
      }
      if (v == handedOverIn) {
        return Reply.unavailable();
      }
      if (fetchFrom != null && !syncBackups(v)) {
        // Retried here, not only in the background: that task may have run before v was current,
        // or its fetch may have failed. Nothing was executed.
        return Reply.unavailable();
      }
      if (!command.isWrite()) {
        return Reply.ok(state.read(command.key()));
      }
      if (!syncBackups(v)) {
        return Reply.timeout();
      }
      MethodCall apply =
          new MethodCall("backupApply", new Object[] {command, v.getViewId().getId()}, ARG);
      if (Backups.callAll(dispatcher, v, apply, RPC_TIMEOUT_MS) != Backups.Outcome.ALL_ANSWERED) {
        // Some backups may have it, some not; and a backup that left the view may have been cut
        // off by a partition rather than crashed (this member may be the minority now), so it is
        // not safe to answer: maybe executed.
        syncedView = null;
        return Reply.timeout();
      }
      return state.apply(command);
    }
    // END SOLUTION
    // STUB: throw new UnsupportedOperationException("TODO: PartitionedReplica.execute (part D)");
  }

  // BEGIN SOLUTION
  /** Called by the RPC of the primary of view number {@code epoch}: a backup applies a write. */
  public Reply backupApply(Command command, long epoch) {
    synchronized (backupLock) {
      acceptFrom(epoch);
      return state.apply(command);
    }
  }

  /**
   * Called by the RPC of a merged group's primary that lost the merge: this member's state, and its
   * promise to execute nothing more in its current view. JGroups installs a merge view at each
   * member at its own time; without the promise, the old primary of the winning side could still
   * acknowledge a write after its state was taken, and the new primary's copy would erase it.
   */
  public Snapshot handOver() {
    synchronized (writeLock) {
      handedOverIn = view();
      return state.snapshot();
    }
  }

  /**
   * Called by the RPC of the primary of view number {@code epoch}: a backup takes the primary's
   * whole state.
   */
  public void backupInstall(Snapshot snapshot, long epoch) {
    synchronized (backupLock) {
      acceptFrom(epoch);
      state.restore(snapshot);
      fetchFrom = null; // the primary's state is the primary subgroup's
    }
  }

  /**
   * Refuses a stale backup call (the caller then sees it fail): one sent in an older view than one
   * this member has seen. The old primary of a merge's winning side may have sent a call in its old
   * view that arrives only after the merge view, after the new primary's copy of the state (the old
   * call timed out, then the old primary handed its state over): applied then, it would make this
   * backup differ from its primary. Holds backupLock.
   */
  private void acceptFrom(long epoch) {
    if (epoch < fence) {
      throw new IllegalStateException("stale backup call from view " + epoch);
    }
    fence = epoch;
  }

  private boolean isMajority(View v) {
    return v != null && 2 * v.size() > groupSize;
  }

  /**
   * The subgroup whose state the merged group keeps: the largest (the majority, if there was one),
   * ties broken by the lowest coordinator address. Every member computes the same one.
   */
  private View primarySubgroup(MergeView merge) {
    View best = null;
    for (View sub : merge.getSubgroups()) {
      if (best == null
          || sub.size() > best.size()
          || sub.size() == best.size() && sub.getCoord().compareTo(best.getCoord()) < 0) {
        best = sub;
      }
    }
    return best;
  }

  /**
   * Before the first write of view {@code v}: fetches the primary subgroup's state if this member
   * lost a merge, then makes the backups of {@code v} equal to this primary. Holds writeLock.
   */
  private boolean syncBackups(View v) {
    if (v.getViewId().equals(syncedView)) {
      return true;
    }
    if (!fetchState(v)) {
      return false;
    }
    MethodCall install =
        new MethodCall(
            "backupInstall", new Object[] {state.snapshot(), v.getViewId().getId()}, SNAPSHOT);
    if (!Backups.callAll(dispatcher, v, install, RPC_TIMEOUT_MS).reachedEveryMember()) {
      return false;
    }
    syncedView = v.getViewId();
    return true;
  }

  /**
   * Fetches the state from the first member of the primary subgroup still in {@code v} (its old
   * primary, if it is still there), which stops executing in its old view.
   */
  private boolean fetchState(View v) {
    List<Address> sources = fetchFrom;
    if (sources == null) {
      return true;
    }
    Address source = sources.stream().filter(v::containsMember).findFirst().orElse(null);
    if (source == null) {
      return false;
    }
    try {
      Snapshot snapshot =
          dispatcher.callRemoteMethod(
              source,
              new MethodCall("handOver", new Object[0], new Class<?>[0]),
              RequestOptions.SYNC().timeout(STATE_TIMEOUT_MS));
      state.restore(snapshot);
      fetchFrom = null;
      return true;
    } catch (Exception e) {
      return false;
    }
  }

  // END SOLUTION

  /**
   * Records the view; after a merge, a member outside the primary subgroup marks its state stale; a
   * primary of a majority view syncs its backups (fetching first if stale) off this thread.
   */
  @Override
  protected void onView(View v) {
    // BEGIN SOLUTION
    synchronized (backupLock) {
      fence = Math.max(fence, v.getViewId().getId());
    }
    if (v instanceof MergeView merge) {
      View primary = primarySubgroup(merge);
      if (!primary.containsMember(channel.getAddress())) {
        fetchFrom = primary.getMembers(); // before any request sees the merged view
      }
    }
    if (isCoordinator(v) && isMajority(v)) {
      inBackground(
          () -> {
            synchronized (writeLock) {
              View now = view();
              if (isCoordinator(now) && isMajority(now)) {
                syncBackups(now);
              }
            }
          });
    }
    // END SOLUTION
  }

  /** The state for a joiner or a member that lost a merge, consistent with writes in progress. */
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
    fetchFrom = null;
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
