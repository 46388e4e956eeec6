/**
 * Cluster mode: the same {@link io.pdslab.harness.node.NodeFactory} behaviors the simulator tests
 * run, each in its own JVM on a real Pekko cluster (Artery TCP, on this machine or over SSH),
 * driven by clients in the driver JVM, under a seeded nemesis of real process faults (SIGKILL,
 * SIGSTOP, partitions), with the clients' history checked for linearizability.
 *
 * <p>A lab plugs in through {@link io.pdslab.harness.cluster.ClusterApp}, named in its {@code
 * lab.json}; {@link io.pdslab.harness.cluster.ClusterRun} is the driver's entry point and {@link
 * io.pdslab.harness.cluster.ClusterNodeMain} a server JVM's. Nodes see the cluster through {@link
 * io.pdslab.harness.cluster.ClusterNodeEnv} and keep their state in {@link
 * io.pdslab.harness.cluster.FileStableStorage}. Nothing here is reproducible run to run, but the
 * faults a run was given are, from its seed.
 */
package io.pdslab.harness.cluster;
