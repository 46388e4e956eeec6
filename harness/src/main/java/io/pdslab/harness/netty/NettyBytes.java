package io.pdslab.harness.netty;

/**
 * What the simulated network carries between two Netty channels: the bytes one channel wrote in one
 * simulation step. {@link #toString()} is the summary shown in the trace, so it must be
 * deterministic (never an identity hash).
 *
 * @param summary the trace text, e.g. {@code "Request(c0#3 put k)"} or a hex prefix
 * @param bytes the payload; never mutated after sending
 */
public record NettyBytes(String summary, byte[] bytes) {

  @Override
  public String toString() {
    return summary;
  }
}
