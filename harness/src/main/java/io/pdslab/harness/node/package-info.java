/**
 * The lab-facing node API: a distributed lab's node is a Pekko typed behavior built by a {@link
 * io.pdslab.harness.node.NodeFactory} from a {@link io.pdslab.harness.node.NodeEnv}. The same
 * factory runs in the deterministic simulator and in a real cluster.
 */
package io.pdslab.harness.node;
