/**
 * Test support for labs on real JGroups channels: {@link io.pdslab.harness.jgroups.ChaosNet} builds
 * shared-loopback channels in one JVM, each with a seeded {@link
 * io.pdslab.harness.jgroups.ChaosProtocol} above the transport (drop, duplicate, delay, one-way
 * cuts, crashes, partitions and merges), and records every fault in a {@link
 * io.pdslab.harness.jgroups.FaultLog}. Its stack replaces JGroups' BARRIER with a stricter one, so
 * that no multicast reaches a joiner while state transfer installs the state.
 *
 * <p>JGroups reads the wall clock in many protocols, so these channels run in real time: the seed
 * fixes the fault decisions on each link, not the thread interleavings.
 */
package io.pdslab.harness.jgroups;
