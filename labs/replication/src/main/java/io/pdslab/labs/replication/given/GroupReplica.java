package io.pdslab.labs.replication.given;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.jgroups.Address;
import org.jgroups.JChannel;
import org.jgroups.Receiver;
import org.jgroups.View;

/**
 * The plumbing the replicas of parts B, C and D share (part A has you write it once, in {@code
 * MemberReplica}): the channel and cluster name, the current view and its members, a background
 * thread for work that must not run in {@code viewAccepted}, and closing.
 *
 * <p>A subclass does not override {@link #viewAccepted}: it overrides {@link #onView}, which runs
 * just <em>before</em> the view becomes current (so whatever a subclass derives from a view, such
 * as "my state is stale", is in place before any request sees that view), on JGroups' thread under
 * its membership lock.
 */
public abstract class GroupReplica implements Replica, Receiver {

  /** How long {@code channel.connect} (or {@code getState}) waits for the state. */
  protected static final long STATE_TIMEOUT_MS = 10_000;

  /** The replica's channel, unconnected until {@link #start()}. */
  protected final JChannel channel;

  /** The cluster to connect to. */
  protected final String cluster;

  private final ExecutorService background;
  private volatile View view;

  /** A replica on {@code channel}, not connected yet; {@code name} names its background thread. */
  protected GroupReplica(JChannel channel, String cluster, String name) {
    this.channel = channel;
    this.cluster = cluster;
    this.background =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, name + "-background");
              t.setDaemon(true);
              return t;
            });
  }

  /** The current view; null before the first. */
  protected final View view() {
    return view;
  }

  /** Whether this member is the coordinator of {@code v}. */
  protected final boolean isCoordinator(View v) {
    Address self = channel.getAddress();
    return v != null && self != null && self.equals(v.getCoord());
  }

  /**
   * Runs {@code task} on this replica's background thread, one task at a time, in order; dropped
   * once the replica is closed.
   */
  protected final void inBackground(Runnable task) {
    try {
      background.execute(task);
    } catch (RejectedExecutionException closed) {
      // closing: nothing left to do
    }
  }

  /** Calls {@link #onView}, then makes {@code v} the current view. Never block here. */
  @Override
  public final void viewAccepted(View v) {
    onView(v);
    view = v;
  }

  /**
   * Called with each new view just before it becomes current; never block here. Slow work goes to
   * {@link #inBackground}: it may run before or after {@code v} is current, so read {@link #view()}
   * there. Does nothing by default.
   */
  protected void onView(View v) {}

  /** The logical names of the members of the current view, in view order. */
  @Override
  public final List<String> members() {
    View v = view;
    return v == null ? List.of() : v.getMembers().stream().map(String::valueOf).toList();
  }

  /** Stops the background thread and closes the channel; a subclass adds its own clean-up. */
  @Override
  public void close() {
    background.shutdownNow();
    channel.close();
  }
}
