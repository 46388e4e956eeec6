/**
 * The deterministic simulator: nodes, network, faults, clients and virtual time, all driven by one
 * seed, single-threaded, with a JSON Lines trace that is byte-identical for the same seed.
 *
 * <pre>{@code
 * Simulation sim = new Simulation(seed);              // or inject one with @SimulationTest
 * sim.nodes(5, MyServer::create);                     // Pekko behaviors n0..n4 (a NodeFactory)
 * sim.network().latency(Latency.uniform(5, 25)).dropRate(0.1);
 * sim.invariant("election safety", () -> leaders.violation());  // null while it holds
 * sim.runUntil("a leader", () -> leaders.count() == 1, Duration.ofSeconds(5));
 * sim.partition(List.of("n0", "n1"), List.of("n2", "n3", "n4"));
 * sim.at(Duration.ofSeconds(8), "crash n2", () -> sim.crash("n2"));
 * RandomNemesis.of(sim, Fault.CRASH, Fault.PARTITION).stopAt(Duration.ofSeconds(20)).start();
 * var clients = Clients.closedLoop(sim, 3, kvProtocol, random -> KvModel.Op.get("x"));
 * sim.runFor(Duration.ofSeconds(30));
 * sim.heal();
 * LinearizabilityChecker.check(new KvModel(), clients.history(), timeout);
 * sim.stats().messagesPerOperation();
 * }</pre>
 *
 * <p>Events are ordered by (virtual time, insertion sequence). Randomness is split by purpose: each
 * node incarnation, the network, the clients and the nemesis each have their own stream derived
 * from the seed, so e.g. an extra node log line never shifts network choices.
 *
 * <h2>Inside</h2>
 *
 * {@link io.pdslab.harness.sim.Simulation} is the front; the parts behind it each have one job: the
 * event loop and virtual clock; the transport, which asks the {@link io.pdslab.harness.sim.Network}
 * (latency, loss, duplication, reordering) and the partitions (groups, cut links) what happens to
 * each message; the nodes with their lifecycle (start, crash, restart, pause, resume), disks and
 * timers; and the trace recorder. This package depends on the node API ({@code node}), the trace
 * format ({@code trace}) and the checker ({@code lin}), and on nothing built on top of it.
 *
 * <h2>Nodes: the runtime SPI</h2>
 *
 * A node is a {@link io.pdslab.harness.sim.NodeRuntime} built by a {@link
 * io.pdslab.harness.sim.NodeRuntimeFactory} from the {@link io.pdslab.harness.sim.NodeContext} of
 * each incarnation: the simulator calls {@code start}, {@code deliver} and {@code fireTimer}, one
 * at a time on its thread, and the node acts through its context ({@code send}, {@code startTimer},
 * {@code cancelTimer}, {@code storage}, {@code log}, {@code random}, {@code nowMillis}). A crash
 * drops the instance and its timers; a restart builds a fresh one that sees a copy of its stable
 * storage, and writes by the crashed instance are discarded.
 *
 * <p>Adapters plug in on top of this SPI. The Pekko adapter ({@code io.pdslab.harness.pekko}) runs
 * a lab's {@link io.pdslab.harness.node.NodeFactory} behaviors; {@link
 * io.pdslab.harness.sim.Simulation#nodes} finds it as the {@link
 * io.pdslab.harness.sim.NodeFactoryAdapter} registered in {@code META-INF/services}. A node that
 * speaks bytes (e.g. a Netty pipeline) sends and receives {@link io.pdslab.harness.sim.Frame}s,
 * which the simulator carries opaquely, counts by their length and traces by their label:
 *
 * <pre>{@code
 * sim.<Frame>runtimeNodes(1, ctx -> new PipelineRuntime(ctx));   // server n0
 * sim.<Frame>runtimeNode("c0", ctx -> new PipelineRuntime(ctx)); // a client endpoint
 * // in PipelineRuntime: deliver(from, m) feeds ((Frame) m).buffer() to the pipeline, each frame
 * // the pipeline writes goes out as ctx.send(peer, Frame.of("Request", bytes)), and the
 * // pipeline's next scheduled task becomes ctx.startTimer("tasks", null, delayMs, 0).
 * }</pre>
 *
 * <p>Failures ({@link io.pdslab.harness.sim.SimulationFailure}) name their cause and virtual time
 * and are recorded as the trace's last event: invariant violations, liveness conditions not met in
 * time, an exhausted step budget (livelock), node exceptions, and Pekko features the simulator
 * cannot control.
 */
package io.pdslab.harness.sim;
