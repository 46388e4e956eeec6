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
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A server and its client connections on real Netty channels, in-VM {@code LocalChannel}s or NIO
 * sockets on 127.0.0.1, on one Netty 4.2 event-loop group of two threads, every buffer from the
 * counting allocator. The pipelines are the caller's.
 */
public final class Loopback implements AutoCloseable {
  private static final AtomicLong NEXT_LOCAL_NAME = new AtomicLong();

  private final Transport transport;
  private final EventLoopGroup group;
  private final Channel serverChannel;
  private final List<Channel> clientChannels = new ArrayList<>();

  /** Binds a server whose every accepted connection {@code serverPipeline} sets up. */
  public Loopback(Transport transport, Consumer<Channel> serverPipeline)
      throws InterruptedException {
    this(transport, serverPipeline, b -> {});
  }

  /** As above; {@code options} may set more of the server's child options. */
  public Loopback(
      Transport transport, Consumer<Channel> serverPipeline, Consumer<ServerBootstrap> options)
      throws InterruptedException {
    this.transport = transport;
    this.group =
        new MultiThreadIoEventLoopGroup(
            2,
            transport == Transport.LOCAL ? LocalIoHandler.newFactory() : NioIoHandler.newFactory());
    SocketAddress address =
        transport == Transport.LOCAL
            ? new LocalAddress("rpc-test-" + NEXT_LOCAL_NAME.incrementAndGet())
            : new InetSocketAddress("127.0.0.1", 0);
    ServerBootstrap b =
        new ServerBootstrap()
            .group(group)
            .channel(
                transport == Transport.LOCAL
                    ? LocalServerChannel.class
                    : NioServerSocketChannel.class)
            .childOption(ChannelOption.ALLOCATOR, LeakCheck.allocator())
            .childHandler(initializer(serverPipeline));
    options.accept(b);
    try {
      this.serverChannel = b.bind(address).sync().channel();
    } catch (InterruptedException | RuntimeException e) {
      group.shutdownGracefully(0, 200, TimeUnit.MILLISECONDS);
      throw e;
    }
  }

  /** Connects a client set up by {@code clientPipeline}; returns its channel once connected. */
  public Channel connect(Consumer<Channel> clientPipeline) throws InterruptedException {
    return connect(clientPipeline, b -> {});
  }

  /** As above; {@code options} may set more of the client's options. */
  public Channel connect(Consumer<Channel> clientPipeline, Consumer<Bootstrap> options)
      throws InterruptedException {
    Bootstrap b =
        new Bootstrap()
            .group(group)
            .channel(transport == Transport.LOCAL ? LocalChannel.class : NioSocketChannel.class)
            .option(ChannelOption.ALLOCATOR, LeakCheck.allocator())
            .handler(initializer(clientPipeline));
    options.accept(b);
    Channel ch = b.connect(serverChannel.localAddress()).sync().channel();
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
    try {
      for (Channel ch : all) {
        ch.close().sync();
      }
      serverChannel.close().sync();
    } finally {
      group.shutdownGracefully(0, 200, TimeUnit.MILLISECONDS).sync();
    }
  }

  private static ChannelInitializer<Channel> initializer(Consumer<Channel> pipeline) {
    return new ChannelInitializer<>() {
      @Override
      protected void initChannel(Channel ch) {
        pipeline.accept(ch);
      }
    };
  }
}
