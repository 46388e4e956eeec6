/**
 * The deterministic simulator: nodes, network, faults, clients and virtual time, all driven by one
 * seed, single-threaded, with a JSON Lines trace that is byte-identical for the same seed.
 *
 * <pre>{@code
 * Simulation sim = new Simulation(seed);              // or inject one with @SimulationTest
 * sim.nodes(5, Raft::create);                         // Pekko behaviors n0..n4
 * sim.network().latency(Latency.uniform(5, 25)).dropRate(0.1);
 * sim.invariant("election safety", () -> leaders.violation());  // null while it holds
 * sim.runUntil("a leader", () -> leaders.count() == 1, Duration.ofSeconds(5));
 * sim.partition(List.of("n0", "n1"), List.of("n2", "n3", "n4"));
 * sim.at(Duration.ofSeconds(8), "crash n2", () -> sim.crash("n2"));
 * RandomNemesis.of(sim, Fault.CRASH, Fault.PARTITION).stopAt(Duration.ofSeconds(20)).start();
 * var clients = Clients.closedLoop(sim, 3, kvProtocol, random -> KvInput.random(random));
 * sim.runFor(Duration.ofSeconds(30));
 * sim.heal();
 * LinearizabilityChecker.check(model, clients.history(), timeout);
 * sim.stats().messagesPerOperation();
 * }</pre>
 *
 * <p>Events are ordered by (virtual time, insertion sequence). Randomness is split by purpose: each
 * node incarnation, the network, the clients and the nemesis each have their own stream derived
 * from the seed, so e.g. an extra node log line never shifts network choices.
 *
 * <p>Nodes: a {@link io.pdslab.harness.node.NodeFactory} (Pekko behavior, run by {@link
 * io.pdslab.harness.pekko.PekkoNodeRuntime}) or any {@link io.pdslab.harness.sim.NodeRuntime}. A
 * crash drops the instance and its timers; a restart builds a fresh one that sees a copy of its
 * stable storage, and writes by the crashed instance are discarded.
 *
 * <p>Failures ({@link io.pdslab.harness.sim.SimulationFailure}) name their cause and virtual time
 * and are recorded as the trace's last event: invariant violations, liveness conditions not met in
 * time, an exhausted step budget (livelock), node exceptions, and Pekko features the simulator
 * cannot control.
 */
package io.pdslab.harness.sim;
