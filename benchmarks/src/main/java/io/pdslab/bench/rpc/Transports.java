package io.pdslab.bench.rpc;

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
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One server and one client connection over {@code LOCAL} (in-VM) or {@code NIO} (127.0.0.1)
 * channels: the server on one event loop, the client on another, as two processes would be.
 */
final class Transports implements AutoCloseable {
  enum Kind {
    LOCAL,
    NIO
  }

  private final EventLoopGroup serverLoop;
  private final EventLoopGroup clientLoop;
  private final Channel server;
  final Channel client;

  Transports(Kind kind, Consumer<Channel> serverPipeline, Consumer<Channel> clientPipeline)
      throws InterruptedException {
    boolean local = kind == Kind.LOCAL;
    serverLoop =
        new MultiThreadIoEventLoopGroup(
            1, local ? LocalIoHandler.newFactory() : NioIoHandler.newFactory());
    clientLoop =
        new MultiThreadIoEventLoopGroup(
            1, local ? LocalIoHandler.newFactory() : NioIoHandler.newFactory());
    ServerBootstrap sb =
        new ServerBootstrap()
            .group(serverLoop)
            .channel(local ? LocalServerChannel.class : NioServerSocketChannel.class)
            .childHandler(initializer(serverPipeline));
    Bootstrap cb =
        new Bootstrap()
            .group(clientLoop)
            .channel(local ? LocalChannel.class : NioSocketChannel.class)
            .handler(initializer(clientPipeline));
    if (!local) {
      sb.childOption(ChannelOption.TCP_NODELAY, true);
      cb.option(ChannelOption.TCP_NODELAY, true);
    }
    server =
        sb.bind(
                local
                    ? new LocalAddress("rpc-bench-" + System.nanoTime())
                    : new InetSocketAddress("127.0.0.1", 0))
            .sync()
            .channel();
    client = cb.connect(server.localAddress()).sync().channel();
  }

  @Override
  public void close() throws InterruptedException {
    client.close().sync();
    server.close().sync();
    clientLoop.shutdownGracefully(0, 100, TimeUnit.MILLISECONDS).sync();
    serverLoop.shutdownGracefully(0, 100, TimeUnit.MILLISECONDS).sync();
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
