package io.pdslab.labs.replication.given;

import java.util.List;
import org.jgroups.Address;
import org.jgroups.View;
import org.jgroups.blocks.MethodCall;
import org.jgroups.blocks.RequestOptions;
import org.jgroups.blocks.RpcDispatcher;
import org.jgroups.util.Rsp;
import org.jgroups.util.RspList;

/**
 * Synchronous RPCs from a primary (the view's coordinator) to every other member of its view.
 *
 * <p>The call is an anycast: a unicast to each backup, so it reaches only them. {@code
 * RpcDispatcher} would otherwise multicast it to the whole group and only wait for the listed
 * members: the primary would receive its own call, late, and a copy of an old state would roll back
 * its own.
 */
public final class Backups {

  private Backups() {}

  /** How a call to the backups ended. */
  public enum Outcome {
    /** Every backup answered without an exception. */
    ALL_ANSWERED,
    /**
     * Every backup answered, or left the view before it answered (JGroups marks it suspected or
     * unreachable, and completes the call before the application sees the new view). A crashed
     * backup needs no copy any more; one cut off by a partition may still be alive.
     */
    SOME_LEFT,
    /** A backup did not answer in time or threw, or the call failed. */
    FAILED;

    /** Whether every backup that is still a member has applied the call. */
    public boolean reachedEveryMember() {
      return this != FAILED;
    }
  }

  /**
   * Calls {@code call} on every member of {@code view} but its coordinator (and never on this
   * member) and waits up to {@code timeoutMs} for all of them. Calls from one primary reach each
   * backup in the order they were made.
   */
  public static Outcome callAll(
      RpcDispatcher dispatcher, View view, MethodCall call, long timeoutMs) {
    Address self = dispatcher.getChannel().getAddress();
    List<Address> backups =
        view.getMembers().stream()
            .filter(a -> !a.equals(view.getCoord()) && !a.equals(self))
            .toList();
    if (backups.isEmpty()) {
      return Outcome.ALL_ANSWERED;
    }
    RspList<Object> rsps;
    try {
      rsps =
          dispatcher.callRemoteMethods(
              backups, call, RequestOptions.SYNC().timeout(timeoutMs).anycasting(true));
    } catch (Exception e) {
      return Outcome.FAILED;
    }
    Outcome outcome = Outcome.ALL_ANSWERED;
    for (Rsp<Object> rsp : rsps.values()) {
      if (rsp.hasException()) {
        return Outcome.FAILED;
      }
      if (!rsp.wasReceived()) {
        if (!rsp.wasSuspected() && !rsp.wasUnreachable()) {
          return Outcome.FAILED;
        }
        outcome = Outcome.SOME_LEFT;
      }
    }
    return outcome;
  }
}
