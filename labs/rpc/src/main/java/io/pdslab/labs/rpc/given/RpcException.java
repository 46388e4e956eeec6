package io.pdslab.labs.rpc.given;

/**
 * A call that failed. {@link Certainty#DEFINITE}: the server never executed it (e.g. it was never
 * sent). {@link Certainty#INDEFINITE}: it may have executed (it was sent and no reply came).
 */
public final class RpcException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Whether the caller knows the call did not execute. */
  public enum Certainty {
    /** The call did not execute. */
    DEFINITE,
    /** The call may have executed. */
    INDEFINITE
  }

  private final Certainty certainty;

  public RpcException(Certainty certainty, String message) {
    super(certainty.name().toLowerCase(java.util.Locale.ROOT) + " failure: " + message);
    this.certainty = certainty;
  }

  /** Whether the call may have executed. */
  public Certainty certainty() {
    return certainty;
  }
}
