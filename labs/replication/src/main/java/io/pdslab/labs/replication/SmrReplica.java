package io.pdslab.labs.replication;

import io.pdslab.labs.replication.given.Command;
import io.pdslab.labs.replication.given.GroupReplica;
import io.pdslab.labs.replication.given.Reply;
import io.pdslab.labs.replication.given.Snapshot;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
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

/**
 * Part C: state-machine replication over total order. The stack has SEQUENCER, so every member
 * delivers every multicast in the same order. Every command, reads included, is multicast; every
 * member applies it when it is delivered; the member that multicast it answers the client once it
 * has applied it itself.
 */
public final class SmrReplica extends GroupReplica {

  /** How long a request waits for its own delivery before answering {@link Reply#timeout()}. */
  private static final long TIMEOUT_MS = 2_000;

  private final KvStateMachine state = new KvStateMachine();
  // BEGIN SOLUTION
  private final Map<Long, CompletableFuture<Reply>> waiting = new ConcurrentHashMap<>();
  private final AtomicLong nextId = new AtomicLong();
  private String origin;

  /** A command on the wire, tagged so that the member that sent it knows it is its own. */
  record Request(String origin, long id, Command command) implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  // END SOLUTION

  /** A replica on {@code channel} (whose stack has SEQUENCER), not connected yet. */
  public SmrReplica(JChannel channel, String cluster) {
    super(channel, cluster, "smr");
  }

  @Override
  public void start() throws Exception {
    // BEGIN SOLUTION
    channel.setReceiver(this);
    channel.connect(cluster, null, STATE_TIMEOUT_MS);
    origin = channel.getAddressAsUUID();
    // END SOLUTION
    // STUB: throw new UnsupportedOperationException("TODO: SmrReplica.start (part C)");
  }

  @Override
  public Reply execute(Command command) {
    // BEGIN SOLUTION
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
    // END SOLUTION
    // STUB: throw new UnsupportedOperationException("TODO: SmrReplica.execute (part C)");
  }

  @Override
  public void receive(Message msg) {
    // BEGIN SOLUTION
    Request request = msg.getObject();
    Reply reply = state.apply(request.command());
    if (request.origin().equals(origin)) {
      CompletableFuture<Reply> waiter = waiting.get(request.id());
      if (waiter != null) {
        waiter.complete(reply);
      }
    }
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
}
