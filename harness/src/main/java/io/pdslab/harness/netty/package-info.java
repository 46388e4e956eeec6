/**
 * Netty pipelines on the deterministic simulator, and a guard against blocking their event loops.
 *
 * <p>{@link io.pdslab.harness.netty.NettySim}: each node's connections are {@link
 * io.netty.channel.embedded.EmbeddedChannel}s whose outbound bytes the simulated network carries as
 * {@link io.pdslab.harness.sim.Frame}s (with its seeded loss, duplication, reordering and latency)
 * and whose scheduled tasks run in virtual time. The same seed gives the same run and the same
 * trace bytes.
 *
 * <pre>{@code
 * NettyEndpoint server = NettySim.node(sim, "n0", ch -> ch.pipeline().addLast(new Codec(), new Server()));
 * NettyEndpoint client = NettySim.node(sim, "c0", ch -> ch.pipeline().addLast(new Codec(), rpc));
 * sim.network().dropRate(0.2).duplicateRate(0.1);
 * sim.at(Duration.ofMillis(1), "connect", () -> client.execute(() -> client.connect("n0")));
 * sim.runFor(Duration.ofSeconds(5));
 * }</pre>
 *
 * <p>The unit the network carries is everything a channel wrote between two simulation steps, so a
 * codec that writes whole frames keeps the stream frame-aligned under loss, duplication and
 * reordering: the network models a datagram transport with Netty's pipeline on both ends.
 *
 * <p>{@link io.pdslab.harness.netty.EventLoopGuard} and the JUnit extension {@link
 * io.pdslab.harness.netty.NoBlockingInEventLoop}: BlockHound fails a test whose real event loops
 * made a blocking call, with the stack of the first.
 */
package io.pdslab.harness.netty;
