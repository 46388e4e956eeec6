package io.pdslab.labs.rpc;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import io.pdslab.labs.rpc.given.ClientConfig;
import io.pdslab.labs.rpc.given.Op;
import io.pdslab.labs.rpc.given.RpcException;
import io.pdslab.labs.rpc.given.RpcException.Certainty;
import io.pdslab.labs.rpc.given.RpcMessage.Reply;
import io.pdslab.labs.rpc.given.RpcMessage.Request;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Parts C and D: the client end of one connection. {@link #call} numbers each call (1, 2, ...),
 * sends it, retries it with the same number after {@link Backoff} delays until a reply or its
 * deadline, and fails it with an {@link RpcException} saying whether it may have executed. Part D:
 * at most {@code window} calls in flight, replies matched by number in any order, and no writing
 * while the channel is not writable or not yet active (calls made before it connects go out once it
 * does); a call that fails before it went out held no place in the window. Everything runs on the
 * channel's event loop; {@link #call} may be called from any thread.
 */
public final class RpcClient extends ChannelInboundHandlerAdapter {
  private final long clientId;
  private final ClientConfig config;
  private final Random random;
  // BEGIN SOLUTION
  private volatile ChannelHandlerContext ctx;
  private volatile int pending;
  private long nextSeq = 1;
  private int inFlight;
  private boolean closed;
  private final TreeMap<Long, Call> calls = new TreeMap<>();
  private final ArrayDeque<Call> waiting = new ArrayDeque<>();

  /** One unfinished call. */
  private static final class Call {
    final long seq;
    final Op op;
    final CompletableFuture<String> result;
    int attempts;
    ScheduledFuture<?> retry;
    ScheduledFuture<?> deadline;

    Call(long seq, Op op, CompletableFuture<String> result) {
      this.seq = seq;
      this.op = op;
      this.result = result;
    }
  }

  // END SOLUTION

  /**
   * @param clientId this client's id, unique among the server's clients
   * @param config deadline, backoff and window
   * @param random the source of backoff jitter (seeded by the tests)
   */
  public RpcClient(long clientId, ClientConfig config, Random random) {
    this.clientId = clientId;
    this.config = config;
    this.random = random;
  }

  /** This client's id. */
  public long clientId() {
    return clientId;
  }

  /**
   * Calls {@code op} on the server; the future completes with the result, or with an {@link
   * RpcException} once the deadline has passed or the connection closed.
   *
   * @throws IllegalStateException if this client is not in a channel's pipeline yet
   */
  public CompletableFuture<String> call(Op op) {
    CompletableFuture<String> result = new CompletableFuture<>();
    // BEGIN SOLUTION
    ChannelHandlerContext c = ctx;
    if (c == null) {
      // A caller's mistake, not a failed call: there is no event loop to time a deadline on.
      throw new IllegalStateException(
          "call before the client is in a channel's pipeline: add it (Pipelines.client) first");
    }
    EventExecutor loop = c.executor();
    if (loop.inEventLoop()) {
      start(op, result);
    } else {
      loop.execute(() -> start(op, result));
    }
    // END SOLUTION
    // STUB: result.completeExceptionally(new UnsupportedOperationException("TODO: call"));
    return result;
  }

  /** Calls not finished yet (waiting or in flight); 0 once every future has completed. */
  public int pendingCalls() {
    // BEGIN SOLUTION
    return pending;
    // END SOLUTION
    // STUB: return 0;
  }

  // BEGIN SOLUTION

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    sendWaiting();
    ctx.fireChannelActive();
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    sendWaiting();
    ctx.fireChannelWritabilityChanged();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof Reply r && r.clientId() == clientId) {
      Call call = calls.get(r.seq());
      if (call != null) {
        finish(call, r.value(), null);
      }
      return; // a late duplicate of a finished call: nothing to do
    }
    ReferenceCountUtil.release(msg);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    closed = true;
    for (Call call : new ArrayList<>(calls.values())) {
      finish(call, null, failure(call, "the connection closed"));
    }
    ctx.fireChannelInactive();
  }

  private void start(Op op, CompletableFuture<String> result) {
    Call call = new Call(nextSeq++, op, result);
    if (closed) {
      result.completeExceptionally(
          new RpcException(Certainty.DEFINITE, "the connection is closed"));
      return;
    }
    calls.put(call.seq, call);
    pending = calls.size();
    call.deadline =
        ctx.executor()
            .schedule(
                () ->
                    finish(
                        call,
                        null,
                        failure(
                            call,
                            "no reply within "
                                + config.deadlineMs()
                                + " ms after "
                                + call.attempts
                                + " attempt(s)")),
                config.deadlineMs(),
                TimeUnit.MILLISECONDS);
    waiting.add(call);
    sendWaiting();
  }

  private void sendWaiting() {
    while (!waiting.isEmpty()
        && inFlight < config.window()
        && ctx.channel().isActive()
        && ctx.channel().isWritable()) {
      Call call = waiting.poll();
      inFlight++;
      send(call);
    }
  }

  private void send(Call call) {
    call.attempts++;
    // Every call below the first unfinished one is finished: the server may forget its reply.
    long ack = calls.firstKey() - 1;
    ctx.writeAndFlush(new Request(clientId, call.seq, ack, call.op));
    long delay = Backoff.delayMillis(call.attempts, config, random);
    call.retry = ctx.executor().schedule(() -> send(call), delay, TimeUnit.MILLISECONDS);
  }

  private static RpcException failure(Call call, String why) {
    // Sent at least once: the server may have executed it.
    Certainty certainty = call.attempts > 0 ? Certainty.INDEFINITE : Certainty.DEFINITE;
    return new RpcException(certainty, "call " + call.seq + " (" + call.op + "): " + why);
  }

  private void finish(Call call, String value, RpcException error) {
    if (calls.remove(call.seq) == null) {
      return;
    }
    pending = calls.size();
    if (call.attempts > 0) {
      inFlight--;
    } else {
      waiting.remove(call);
    }
    if (call.retry != null) {
      call.retry.cancel(false);
    }
    call.deadline.cancel(false);
    if (error == null) {
      call.result.complete(value);
    } else {
      call.result.completeExceptionally(error);
    }
    if (!closed) {
      sendWaiting();
    }
  }
  // END SOLUTION
}
