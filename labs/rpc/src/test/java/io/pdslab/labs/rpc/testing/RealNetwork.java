package io.pdslab.labs.rpc.testing;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalChannel;
import io.netty.channel.local.LocalIoHandler;
import io.netty.channel.local.LocalServerChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.pdslab.labs.rpc.KvServer;
import io.pdslab.labs.rpc.RpcClient;
import io.pdslab.labs.rpc.given.ChaosHandler;
import io.pdslab.labs.rpc.given.KvStore;
import io.pdslab.labs.rpc.given.Pipelines;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

/**
 * A key-value server and its clients on real Netty channels: in-VM {@code LocalChannel}s or NIO
 * sockets on 127.0.0.1, on Netty 4.2 event loops, with every buffer from the counting allocator.
 */
public final class RealNetwork implements AutoCloseable {
  /** Which channels carry the bytes. */
  public enum Transport {
    LOCAL,
    NIO
  }

  private static final AtomicLong NEXT_LOCAL_NAME = new AtomicLong();

  public final KvStore store = new KvStore();
  public final KvServer server = new KvServer(store);
  private final Transport transport;
  private final EventLoopGroup group;
  private final Channel serverChannel;
  private final List<Channel> clientChannels = new ArrayList<>();

  /**
   * Starts the server; {@code chaos} builds the seeded chaos handler of the n-th connection (or
   * returns null for none).
   */
  public RealNetwork(Transport transport, LongFunction<ChaosHandler> chaos)
      throws InterruptedException {
    this.transport = transport;
    this.group =
        new MultiThreadIoEventLoopGroup(
            2,
            transport == Transport.LOCAL ? LocalIoHandler.newFactory() : NioIoHandler.newFactory());
    AtomicLong connections = new AtomicLong();
    SocketAddress address =
        transport == Transport.LOCAL
            ? new LocalAddress("rpc-test-" + NEXT_LOCAL_NAME.incrementAndGet())
            : new InetSocketAddress("127.0.0.1", 0);
    this.serverChannel =
        new ServerBootstrap()
            .group(group)
            .channel(
                transport == Transport.LOCAL
                    ? LocalServerChannel.class
                    : NioServerSocketChannel.class)
            .childOption(ChannelOption.ALLOCATOR, LeakCheck.allocator())
            .childHandler(
                new ChannelInitializer<Channel>() {
                  @Override
                  protected void initChannel(Channel ch) {
                    Pipelines.server(ch, server, chaos.apply(1000 + connections.getAndIncrement()));
                  }
                })
            .bind(address)
            .sync()
            .channel();
    this.chaos = chaos;
  }

  private final LongFunction<ChaosHandler> chaos;

  /** Connects {@code client} to the server; returns its channel once connected. */
  public Channel connect(RpcClient client) throws InterruptedException {
    Channel ch =
        new Bootstrap()
            .group(group)
            .channel(transport == Transport.LOCAL ? LocalChannel.class : NioSocketChannel.class)
            .option(ChannelOption.ALLOCATOR, LeakCheck.allocator())
            .handler(
                new ChannelInitializer<Channel>() {
                  @Override
                  protected void initChannel(Channel c) {
                    Pipelines.client(c, client, chaos.apply(client.clientId()));
                  }
                })
            .connect(serverChannel.localAddress())
            .sync()
            .channel();
    synchronized (clientChannels) {
      clientChannels.add(ch);
    }
    return ch;
  }

  /** Closes every channel and stops the event loops, waiting until they are gone. */
  @Override
  public void close() throws InterruptedException {
    List<Channel> all;
    synchronized (clientChannels) {
      all = new ArrayList<>(clientChannels);
    }
    for (Channel ch : all) {
      ch.close().sync();
    }
    serverChannel.close().sync();
    group.shutdownGracefully(0, 200, TimeUnit.MILLISECONDS).sync();
  }
}
