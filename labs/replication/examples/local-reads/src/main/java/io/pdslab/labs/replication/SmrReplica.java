package io.pdslab.labs.replication;

import io.pdslab.labs.replication.given.Command;
import io.pdslab.labs.replication.given.Replica;
import io.pdslab.labs.replication.given.Reply;
import io.pdslab.labs.replication.given.Snapshot;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.jgroups.JChannel;
import org.jgroups.Message;
import org.jgroups.ObjectMessage;
import org.jgroups.Receiver;
import org.jgroups.View;

/**
 * Part C: state-machine replication over total order. The stack has SEQUENCER, so every member
 * delivers every multicast in the same order. Every command, reads included, is multicast; every
 * member applies it when it is delivered; the member that multicast it answers the client once it
 * has applied it itself.
 */
public final class SmrReplica implements Replica, Receiver {

  /** How long a request waits for its own delivery before answering {@link Reply#timeout()}. */
  private static final long TIMEOUT_MS = 2_000;

  private static final long STATE_TIMEOUT_MS = 10_000;

  private final JChannel channel;
  private final String cluster;
  private final KvStateMachine state = new KvStateMachine();
  private final Map<Long, CompletableFuture<Reply>> waiting = new ConcurrentHashMap<>();
  private final AtomicLong nextId = new AtomicLong();
  private volatile View view;
  private String origin;

  /** A command on the wire, tagged so that the member that sent it knows it is its own. */
  record Request(String origin, long id, Command command) implements Serializable {
    private static final long serialVersionUID = 1L;
  }


  /** A replica on {@code channel} (whose stack has SEQUENCER), not connected yet. */
  public SmrReplica(JChannel channel, String cluster) {
    this.channel = channel;
    this.cluster = cluster;
  }

  @Override
  public void start() throws Exception {
    channel.setReceiver(this);
    channel.connect(cluster, null, STATE_TIMEOUT_MS);
    origin = channel.getAddressAsUUID();
  }

  @Override
  public Reply execute(Command command) {
    if (!command.isWrite()) {
      return Reply.ok(state.read(command.key())); // reads change nothing: answer locally
    }
    long id = nextId.incrementAndGet();
    CompletableFuture<Reply> reply = new CompletableFuture<>();
    waiting.put(id, reply);
    try {
      channel.send(new ObjectMessage(null, new Request(origin, id, command)));
      return reply.get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
    } catch (TimeoutException | ExecutionException e) {
      return Reply.timeout();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Reply.timeout();
    } catch (Exception e) {
      return Reply.timeout();
    } finally {
      waiting.remove(id);
    }
  }

  @Override
  public void receive(Message msg) {
    Request request = msg.getObject();
    Reply reply = state.apply(request.command());
    if (request.origin().equals(origin)) {
      CompletableFuture<Reply> waiter = waiting.get(request.id());
      if (waiter != null) {
        waiter.complete(reply);
      }
    }
  }

  @Override
  public void viewAccepted(View v) {
    view = v;
  }

  @Override
  public void getState(OutputStream output) throws Exception {
    state.snapshot().writeTo(output);
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
    channel.close();
  }
}
