/**
 * A request/reply link between the driver's clients and a node, for engines with no client protocol
 * of their own.
 */
package io.pdslab.harness.cluster.link;
