/**
 * Cluster mode, engine-neutral: a lab's servers, each in its own JVM (on this machine, or on other
 * hosts over SSH, e.g. those of a Slurm allocation), driven by clients in the driver JVM, under a
 * seeded nemesis of real process faults (SIGKILL, SIGSTOP, partitions), with the clients' history
 * checked for linearizability.
 *
 * <p>A lab plugs in through {@link io.pdslab.harness.cluster.ClusterApp}, named in its {@code
 * lab.json}; engine adapters implement it once for all labs of an engine ({@code cluster.pekko}),
 * and {@code cluster.jgroups} and {@code cluster.link} hold the parts a JGroups lab builds on. The
 * run is described by one {@link io.pdslab.harness.cluster.ClusterOptions}; {@link
 * io.pdslab.harness.cluster.ClusterRun} is the driver's entry point and {@link
 * io.pdslab.harness.cluster.ClusterNodeMain} a server JVM's, started with its {@link
 * io.pdslab.harness.cluster.NodeSpec}. Nothing here is reproducible run to run, but the faults a
 * run was given are, from its seed.
 */
package io.pdslab.harness.cluster;
