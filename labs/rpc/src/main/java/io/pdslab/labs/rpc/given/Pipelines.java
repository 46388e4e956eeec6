package io.pdslab.labs.rpc.given;

import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.pdslab.labs.rpc.KvServer;
import io.pdslab.labs.rpc.RpcClient;
import io.pdslab.labs.rpc.RpcCodec;

/**
 * How the tests (and the benchmark) assemble a connection's pipeline: the codec, optionally a
 * {@link ChaosHandler}, the application handler, and {@link CloseOnError} last.
 */
public final class Pipelines {
  private Pipelines() {}

  /** Sets up a server connection; returns its error handler. {@code chaos} may be null. */
  public static CloseOnError server(Channel ch, KvServer server, ChaosHandler chaos) {
    return build(ch.pipeline(), server, chaos);
  }

  /** Sets up a client connection; returns its error handler. {@code chaos} may be null. */
  public static CloseOnError client(Channel ch, RpcClient client, ChaosHandler chaos) {
    return build(ch.pipeline(), client, chaos);
  }

  private static CloseOnError build(
      ChannelPipeline p, io.netty.channel.ChannelHandler app, ChaosHandler chaos) {
    CloseOnError errors = new CloseOnError();
    p.addLast("codec", new RpcCodec());
    if (chaos != null) {
      p.addLast("chaos", chaos);
    }
    p.addLast("app", app);
    p.addLast("errors", errors);
    return errors;
  }
}
