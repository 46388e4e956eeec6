/**
 * The Pekko adapter: runs a lab's typed {@code Behavior} (built by a {@link
 * io.pdslab.harness.node.NodeFactory}) as a simulator node, one message at a time in a {@code
 * BehaviorTestKit} on the simulator's thread, with Pekko timers moved to virtual time.
 *
 * <p>It sits on top of the simulator's node SPI ({@link io.pdslab.harness.sim.NodeRuntime}, {@link
 * io.pdslab.harness.sim.NodeContext}) and registers itself as the simulator's {@link
 * io.pdslab.harness.sim.NodeFactoryAdapter} through {@code META-INF/services}; the simulator never
 * refers to this package, so another runtime (plain Java, a Netty pipeline) plugs in the same way.
 */
package io.pdslab.harness.pekko;
