package io.pdslab.labs.rpc.testing;

import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.pdslab.labs.rpc.KvServer;
import io.pdslab.labs.rpc.RpcClient;
import io.pdslab.labs.rpc.given.ChaosHandler;
import io.pdslab.labs.rpc.given.KvStore;
import io.pdslab.labs.rpc.given.Pipelines;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongFunction;

/** The key-value server and its clients on a {@link Loopback}, each end with the given pipeline. */
public final class RealNetwork implements AutoCloseable {
  public final KvStore store = new KvStore();
  public final KvServer server = new KvServer(store);
  private final LongFunction<ChaosHandler> chaos;
  private final Loopback loopback;

  /**
   * Starts the server; {@code chaos} builds the seeded chaos handler of the n-th connection (or
   * returns null for none).
   */
  public RealNetwork(Transport transport, LongFunction<ChaosHandler> chaos)
      throws InterruptedException {
    this(transport, chaos, p -> {});
  }

  /**
   * As above; {@code serverBug} changes each server connection's pipeline after it is set up (tests
   * of the tests).
   */
  public RealNetwork(
      Transport transport, LongFunction<ChaosHandler> chaos, Consumer<ChannelPipeline> serverBug)
      throws InterruptedException {
    this.chaos = chaos;
    AtomicLong connections = new AtomicLong();
    this.loopback =
        new Loopback(
            transport,
            ch -> {
              Pipelines.server(ch, server, chaos.apply(1000 + connections.getAndIncrement()));
              serverBug.accept(ch.pipeline());
            });
  }

  /** Connects {@code client} to the server; returns its channel once connected. */
  public Channel connect(RpcClient client) throws InterruptedException {
    return loopback.connect(c -> Pipelines.client(c, client, chaos.apply(client.clientId())));
  }

  /** Closes every channel and stops the event loops, waiting until they are gone. */
  @Override
  public void close() throws InterruptedException {
    loopback.close();
  }
}
