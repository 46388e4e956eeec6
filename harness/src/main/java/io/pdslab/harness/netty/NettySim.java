package io.pdslab.harness.netty;

import io.netty.channel.embedded.EmbeddedChannel;
import io.pdslab.harness.sim.Simulation;
import java.util.function.Consumer;

/** Adds Netty endpoints to a {@link Simulation}; see the package documentation. */
public final class NettySim {
  private NettySim() {}

  /**
   * Adds node {@code id} (not a server: partitions apply to it only when listed) whose every
   * connection is an {@link EmbeddedChannel} set up by {@code initializer}.
   */
  public static NettyEndpoint node(
      Simulation sim, String id, Consumer<EmbeddedChannel> initializer) {
    NettyEndpoint endpoint = new NettyEndpoint(id, initializer);
    sim.runtimeNode(id, endpoint::create);
    return endpoint;
  }
}
