package io.pdslab.labs.rpc.given;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler of every pipeline: an exception that reaches it (e.g. a malformed frame) closes
 * the connection. It keeps the first error, for tests and logs, and counts them all.
 */
public final class CloseOnError extends ChannelInboundHandlerAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(CloseOnError.class);

  private volatile Throwable firstError;
  private volatile int errors;

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    errors++;
    if (firstError == null) {
      firstError = cause;
      LOG.debug("closing {}: {}", ctx.channel(), cause.toString());
    }
    ctx.close();
  }

  /** The first error that closed the connection, or null. */
  public Throwable firstError() {
    return firstError;
  }

  /** How many errors reached this handler. */
  public int errors() {
    return errors;
  }
}
