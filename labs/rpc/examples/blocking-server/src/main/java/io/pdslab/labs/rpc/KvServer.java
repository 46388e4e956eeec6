package io.pdslab.labs.rpc;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.pdslab.labs.rpc.given.KvStore;
import io.pdslab.labs.rpc.given.RpcMessage.Reply;
import io.pdslab.labs.rpc.given.RpcMessage.Request;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Parts B and D: the key-value server, one instance shared by every connection (so it must be
 * thread-safe). Part B: execute each call {@code (clientId, seq)} at most once, answering a retry
 * with the reply of the first execution; forget a reply once the client's {@code ack} covers it, so
 * that memory stays bounded. Part D: stop reading from a connection while its outbound buffer is
 * full ({@code autoRead}), resume when it drains.
 */
@ChannelHandler.Sharable
public final class KvServer extends SimpleChannelInboundHandler<Request> {
  private final KvStore store;
  // BEGIN SOLUTION
  private final Map<Long, ClientCalls> clients = new HashMap<>();

  /** One client's finished-call floor and the replies it may still need. */
  private static final class ClientCalls {
    long acked;
    final TreeMap<Long, String> replies = new TreeMap<>();
  }

  // END SOLUTION

  /** A server executing calls on {@code store}. */
  public KvServer(KvStore store) {
    this.store = store;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, Request request) {
    // BEGIN SOLUTION
    Reply reply = handle(request);
    // BUG: a "slow disk" simulated on the event loop; every connection of this loop stalls.
    try {
      Thread.sleep(1);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (reply != null) {
      ctx.write(reply);
    }
    if (!ctx.channel().isWritable()) {
      ctx.channel().config().setAutoRead(false);
    }
    // END SOLUTION
    // STUB: throw new UnsupportedOperationException("TODO: handle " + request);
  }

  // BEGIN SOLUTION
  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    ctx.flush();
    ctx.fireChannelReadComplete();
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    if (ctx.channel().isWritable()) {
      ctx.channel().config().setAutoRead(true);
    }
    ctx.fireChannelWritabilityChanged();
  }

  /** The reply to send, or null for a call the client has already finished. */
  private synchronized Reply handle(Request r) {
    ClientCalls c = clients.computeIfAbsent(r.clientId(), id -> new ClientCalls());
    if (r.ack() > c.acked) {
      c.acked = r.ack();
      c.replies.headMap(r.ack(), true).clear();
    }
    if (r.seq() <= c.acked) {
      return null;
    }
    String value = c.replies.get(r.seq());
    if (value == null) {
      value = store.execute(r.clientId(), r.seq(), r.op());
      c.replies.put(r.seq(), value);
    }
    return new Reply(r.clientId(), r.seq(), value);
  }

  // END SOLUTION
  /** How many replies the server keeps now, over all clients (the tests check it stays bounded). */
  public synchronized int cachedReplies() {
    // BEGIN SOLUTION
    int n = 0;
    for (ClientCalls c : clients.values()) {
      n += c.replies.size();
    }
    return n;
    // END SOLUTION
    // STUB: return 0;
  }
}
