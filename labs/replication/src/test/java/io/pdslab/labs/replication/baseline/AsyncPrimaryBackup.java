// HANDOUT: OMIT
package io.pdslab.labs.replication.baseline;

import io.pdslab.labs.replication.given.Command;
import io.pdslab.labs.replication.given.Replica;
import io.pdslab.labs.replication.given.Reply;
import io.pdslab.labs.replication.given.Snapshot;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jgroups.Address;
import org.jgroups.JChannel;
import org.jgroups.Receiver;
import org.jgroups.View;
import org.jgroups.blocks.MethodCall;
import org.jgroups.blocks.RequestOptions;
import org.jgroups.blocks.RpcDispatcher;

/**
 * A known-bad baseline in the style of JGroups' {@code ReplicatedHashMap}: the primary applies a
 * write, multicasts it to the backups asynchronously ({@code GET_NONE}) and answers at once. A
 * write acknowledged just before the primary crashes can be missing on every backup, so the part B
 * tests must fail on it.
 */
public final class AsyncPrimaryBackup implements Replica, Receiver {

  private final JChannel channel;
  private final String cluster;
  private final Map<String, String> data = new HashMap<>();
  private final Map<Long, Snapshot.Applied> applied = new HashMap<>();
  private RpcDispatcher dispatcher;
  private volatile View view;

  public AsyncPrimaryBackup(JChannel channel, String cluster) {
    this.channel = channel;
    this.cluster = cluster;
  }

  @Override
  public void start() throws Exception {
    dispatcher = new RpcDispatcher(channel, this);
    dispatcher.setReceiver(this);
    channel.connect(cluster);
  }

  @Override
  public Reply execute(Command command) {
    View v = view;
    if (v == null || !channel.getAddress().equals(v.getCoord())) {
      return Reply.notPrimary();
    }
    Reply reply = apply(command);
    if (command.isWrite()) {
      List<Address> backups = v.getMembers().stream().filter(a -> !a.equals(v.getCoord())).toList();
      try {
        dispatcher.callRemoteMethods(
            backups,
            new MethodCall("apply", new Object[] {command}, new Class<?>[] {Command.class}),
            RequestOptions.ASYNC());
      } catch (Exception e) {
        // fire and forget
      }
    }
    return reply;
  }

  /** Applies a command once per (clientId, seq). */
  public synchronized Reply apply(Command c) {
    Snapshot.Applied last = applied.get(c.clientId());
    if (last != null && c.seq() <= last.seq()) {
      return last.reply();
    }
    String old = data.getOrDefault(c.key(), "");
    Reply reply =
        switch (c.kind()) {
          case GET -> Reply.ok(old);
          case PUT -> {
            data.put(c.key(), c.value());
            yield Reply.ok("");
          }
          case APPEND -> {
            data.put(c.key(), old + c.value());
            yield Reply.ok("");
          }
        };
    if (c.isWrite()) {
      applied.put(c.clientId(), new Snapshot.Applied(c.seq(), reply));
    }
    return reply;
  }

  @Override
  public void viewAccepted(View v) {
    view = v;
  }

  @Override
  public synchronized Snapshot snapshot() {
    return new Snapshot(data, applied);
  }

  @Override
  public List<String> members() {
    View v = view;
    return v == null ? List.of() : v.getMembers().stream().map(String::valueOf).toList();
  }

  @Override
  public void close() {
    dispatcher.stop();
    channel.close();
  }
}
