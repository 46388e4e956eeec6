package io.pdslab.labs.replication;

import io.pdslab.labs.replication.given.Command;
import io.pdslab.labs.replication.given.Replica;
import io.pdslab.labs.replication.given.Reply;
import io.pdslab.labs.replication.given.Snapshot;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import org.jgroups.JChannel;
import org.jgroups.Message;
import org.jgroups.ObjectMessage;
import org.jgroups.Receiver;
import org.jgroups.View;

/**
 * Part A: a group member that keeps the membership and the replicated state. Writes are multicast
 * and applied by every member in delivery order; that order is FIFO per sender, which is enough
 * when each key has one writer (part C adds total order). A member that joins late gets the whole
 * state (data <em>and</em> dedup table) by JGroups' state transfer.
 *
 * <p>The sender applies its own write before multicasting it (without loopback): for a joiner,
 * JGroups takes the message digest first and the state just after, and a member's own multicast
 * could otherwise be in the digest but not yet in the state. (A write in the state but after the
 * digest reaches the joiner again; the dedup table makes it harmless.)
 */
public final class MemberReplica implements Replica, Receiver {

  /** How long {@link #start()} waits for the state. */
  private static final long STATE_TIMEOUT_MS = 10_000;

  private final JChannel channel;
  private final String cluster;
  private final KvStateMachine state = new KvStateMachine();
  // BEGIN SOLUTION
  private volatile List<String> members = List.of();

  // END SOLUTION

  /** A replica on {@code channel}, not connected yet. */
  public MemberReplica(JChannel channel, String cluster) {
    this.channel = channel;
    this.cluster = cluster;
  }

  /** Joins the group and fetches the state from the coordinator. */
  @Override
  public void start() throws Exception {
    // BEGIN SOLUTION
    channel.setReceiver(this);
    channel.connect(cluster, null, STATE_TIMEOUT_MS);
    // END SOLUTION
    // STUB: throw new UnsupportedOperationException("TODO: MemberReplica.start (part A)");
  }

  /**
   * A write is applied here, multicast to the other members and answered at once; every other
   * member applies it when it is delivered. A get reads the local state.
   */
  @Override
  public Reply execute(Command command) {
    // BEGIN SOLUTION
    if (!command.isWrite()) {
      return Reply.ok(state.read(command.key()));
    }
    // Applied here before it is sent, and not looped back: a state snapshot taken on this member
    // then never misses a write that its digest says was delivered (a write in both is executed
    // once thanks to the dedup table).
    synchronized (this) {
      Reply reply = state.apply(command);
      try {
        channel.send(new ObjectMessage(null, command).setFlag(Message.TransientFlag.DONT_LOOPBACK));
        return reply;
      } catch (Exception e) {
        return Reply.timeout();
      }
    }
    // END SOLUTION
    // STUB: throw new UnsupportedOperationException("TODO: MemberReplica.execute (part A)");
  }

  @Override
  public void receive(Message msg) {
    // BEGIN SOLUTION
    Command command = msg.getObject();
    state.apply(command);
    // END SOLUTION
  }

  /** Called by JGroups under its membership lock: record the view, never block here. */
  @Override
  public void viewAccepted(View view) {
    // BEGIN SOLUTION
    members = view.getMembers().stream().map(String::valueOf).toList();
    // END SOLUTION
  }

  @Override
  public void getState(OutputStream output) throws Exception {
    // BEGIN SOLUTION
    state.snapshot().writeTo(output);
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
  public List<String> members() {
    // BEGIN SOLUTION
    return members;
    // END SOLUTION
    // STUB: throw new UnsupportedOperationException("TODO: MemberReplica.members (part A)");
  }

  @Override
  public void close() {
    channel.close();
  }
}
