/**
 * Built-in {@link io.pdslab.harness.lin.Model}s: register (with optional compare-and-set),
 * key-value map (get/put/append, partitioned by key), counter, set (partitioned by element), FIFO
 * queue and LIFO stack. A lab adds its own by implementing the five-method interface.
 */
package io.pdslab.harness.lin.model;
