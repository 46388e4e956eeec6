/**
 * Cluster mode on JGroups: {@link io.pdslab.harness.cluster.jgroups.ClusterChannel} builds a node's
 * channel (TCP, TCPPING discovery, crash and hang detection, the harness's chaos protocol for the
 * driver's partitions).
 */
package io.pdslab.harness.cluster.jgroups;
