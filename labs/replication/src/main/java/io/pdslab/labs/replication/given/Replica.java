package io.pdslab.labs.replication.given;

import java.util.List;

/**
 * One replica of the key-value store, on its own JGroups channel. The tests (and {@link Clerk}s)
 * call it from many threads at once.
 */
public interface Replica extends AutoCloseable {

  /**
   * Connects the channel to the cluster (joining the group, fetching its state); returns when done.
   */
  void start() throws Exception;

  /**
   * Executes {@code command} (at most once per (clientId, seq)) and returns its reply, or says why
   * it did not ({@link Reply.Status}). Blocks at most a few seconds.
   */
  Reply execute(Command command);

  /** A copy of the replica's state now. */
  Snapshot snapshot();

  /** The logical names of the members of the replica's current view, in view order. */
  List<String> members();

  /** Leaves the group and closes the channel. */
  @Override
  void close();
}
