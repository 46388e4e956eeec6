package io.pdslab.labs.replication.given;

import java.io.Serializable;

/**
 * A replica's answer to a {@link Command}.
 *
 * @param status whether the command was executed, and if not, why
 * @param value the value read by a get ({@code ""} for a key never written, never null); {@code ""}
 *     for put and append
 */
public record Reply(Status status, String value) implements Serializable {

  private static final long serialVersionUID = 1L;

  /** The outcome of a request. */
  public enum Status {
    /** Executed (exactly once); {@code value} is the result. */
    OK,
    /** This replica does not execute requests now (not the primary): ask another one. */
    NOT_PRIMARY,
    /**
     * Definitely not executed: this replica is cut off from a majority of the group (or has not yet
     * caught up after a merge), so it neither reads nor writes. Ask another one.
     */
    UNAVAILABLE,
    /**
     * No answer in time: the command may or may not have been executed; the client retries it with
     * the same (clientId, seq).
     */
    TIMEOUT
  }

  /**
   * An executed command's reply.
   *
   * @param value what a get read, {@code ""} if the key was never written; {@code ""} for put and
   *     append. Null is taken as {@code ""}: a null value would look like an abandoned call to the
   *     clerk.
   */
  public static Reply ok(String value) {
    return new Reply(Status.OK, value == null ? "" : value);
  }

  /** The reply of a replica that is not the primary. */
  public static Reply notPrimary() {
    return new Reply(Status.NOT_PRIMARY, null);
  }

  /** The reply of a replica that is not in a majority partition (nothing was executed). */
  public static Reply unavailable() {
    return new Reply(Status.UNAVAILABLE, null);
  }

  /** The reply of a replica that could not finish in time. */
  public static Reply timeout() {
    return new Reply(Status.TIMEOUT, null);
  }

  /** Whether the command was executed. */
  public boolean isOk() {
    return status == Status.OK;
  }
}
