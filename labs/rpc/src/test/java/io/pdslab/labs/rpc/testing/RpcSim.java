package io.pdslab.labs.rpc.testing;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.embedded.EmbeddedChannel;
import io.pdslab.harness.netty.NettyEndpoint;
import io.pdslab.harness.netty.NettySim;
import io.pdslab.harness.sim.Seeds;
import io.pdslab.harness.sim.Simulation;
import io.pdslab.labs.rpc.KvServer;
import io.pdslab.labs.rpc.RpcClient;
import io.pdslab.labs.rpc.given.ClientConfig;
import io.pdslab.labs.rpc.given.KvStore;
import io.pdslab.labs.rpc.given.Pipelines;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * A key-value server {@code "s"} and clients {@code "c0"...} as Netty pipelines on the simulated
 * network.
 */
public final class RpcSim {
  public final Simulation sim;
  public final KvStore store = new KvStore();
  public final KvServer server = new KvServer(store);
  public final NettyEndpoint serverNode;
  public final List<NettyEndpoint> clientNodes = new ArrayList<>();
  public final List<RpcClient> clients = new ArrayList<>();

  /** Tests of the tests: changes each server connection's pipeline after it is set up. */
  public Consumer<ChannelPipeline> serverBug = p -> {};

  /** Tests of the tests: changes each client connection's pipeline after it is set up. */
  public Consumer<ChannelPipeline> clientBug = p -> {};

  /** A server and {@code n} clients configured by {@code config}. */
  public RpcSim(Simulation sim, int n, ClientConfig config) {
    this.sim = sim;
    serverNode =
        NettySim.node(sim, "s", ch -> setUp(ch, true, null))
            .frameType("RpcReply")
            .describeFrames(RpcSim::describe);
    for (int i = 0; i < n; i++) {
      RpcClient client =
          new RpcClient(i + 1, config, new Random(Seeds.derive(sim.seed(), "client" + i)));
      clients.add(client);
      clientNodes.add(
          NettySim.node(sim, "c" + i, ch -> setUp(ch, false, client))
              .frameType("RpcRequest")
              .describeFrames(RpcSim::describe));
    }
  }

  private void setUp(EmbeddedChannel ch, boolean isServer, RpcClient client) {
    ch.config().setAllocator(LeakCheck.allocator());
    if (isServer) {
      Pipelines.server(ch, server, null);
    } else {
      Pipelines.client(ch, client, null);
    }
    (isServer ? serverBug : clientBug).accept(ch.pipeline());
  }

  /** Connects every client at the current time and starts the workload on them. */
  public void startWorkload(Workload workload, int inFlight) {
    sim.runFor(Duration.ZERO);
    for (int i = 0; i < clients.size(); i++) {
      int index = i;
      NettyEndpoint node = clientNodes.get(i);
      node.execute(
          () -> {
            node.connect("s");
            workload.start(
                index,
                clients.get(index),
                new Random(Seeds.derive(sim.seed(), "ops" + index)),
                inFlight);
          });
    }
  }

  /** Closes every channel (releasing their buffers). */
  public void close() {
    clientNodes.forEach(NettyEndpoint::closeAll);
    serverNode.closeAll();
  }

  /** The trace text of a batch of frames: the messages the tests' decoder finds in it. */
  static String describe(byte[] bytes) {
    EmbeddedChannel decoder = new EmbeddedChannel(new io.pdslab.labs.rpc.RpcCodec());
    try {
      ByteBuf in = io.netty.buffer.Unpooled.wrappedBuffer(bytes);
      decoder.writeInbound(in);
      List<String> parts = new ArrayList<>();
      for (Object m; (m = decoder.readInbound()) != null; ) {
        parts.add(m.toString());
      }
      return parts.isEmpty() ? bytes.length + " bytes" : String.join(" + ", parts);
    } catch (RuntimeException e) {
      return bytes.length + " bytes (undecodable: " + e.getMessage() + ")";
    } finally {
      decoder.finishAndReleaseAll();
    }
  }
}
