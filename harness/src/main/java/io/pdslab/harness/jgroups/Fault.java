package io.pdslab.harness.jgroups;

/** What the {@link ChaosProtocol} did to one message. */
public enum Fault {
  /** Discarded by the link's random stream. */
  DROP,
  /** Delivered twice. */
  DUPLICATE,
  /** Held back, then delivered. */
  DELAY,
  /** Discarded because the link is cut (a one-way cut or an isolated node). */
  CUT
}
