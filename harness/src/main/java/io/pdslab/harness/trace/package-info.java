/**
 * Simulation traces as JSON Lines: {@link io.pdslab.harness.trace.TraceEvent} and {@link
 * io.pdslab.harness.trace.TraceWriter}. The HTML Lamport diagram is rendered from these files.
 */
package io.pdslab.harness.trace;
