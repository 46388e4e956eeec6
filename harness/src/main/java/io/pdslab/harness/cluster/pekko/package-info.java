/**
 * Cluster mode on Pekko: {@link io.pdslab.harness.cluster.pekko.PekkoClusterApp} runs the same
 * {@link io.pdslab.harness.node.NodeEnv} behaviors the simulator tests run, each server on a real
 * Pekko cluster (Artery TCP) with the driver as seed node, messages routed by node id through the
 * receptionist.
 */
package io.pdslab.harness.cluster.pekko;
