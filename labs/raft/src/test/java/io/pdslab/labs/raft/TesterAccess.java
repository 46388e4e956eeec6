package io.pdslab.labs.raft;

/**
 * Gives the tester in {@code io.pdslab.labs.raft.testing} the package-private test hooks of {@link
 * Raft}, which are not part of its API for services.
 */
public final class TesterAccess {
  private TesterAccess() {}

  /** {@link Raft#logView()}: the peer's log and commit index, or null if it does not say. */
  public static LogView logView(Raft raft) {
    return raft.logView();
  }
}
