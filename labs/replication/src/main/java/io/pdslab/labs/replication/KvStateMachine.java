package io.pdslab.labs.replication;

import io.pdslab.labs.replication.given.Command;
import io.pdslab.labs.replication.given.Reply;
import io.pdslab.labs.replication.given.Snapshot;
import java.util.HashMap;
import java.util.Map;

/**
 * Part A: the key-value state every replica keeps, with duplicate detection. Thread-safe: JGroups
 * delivers messages from different senders on different threads.
 */
public final class KvStateMachine {

  // BEGIN SOLUTION
  private final Map<String, String> data = new HashMap<>();
  private final Map<Long, Snapshot.Applied> lastApplied = new HashMap<>();

  // END SOLUTION

  /**
   * Executes {@code command} unless this client's request {@code seq} was executed already: then it
   * returns the reply it gave the first time and changes nothing. A request older than the client's
   * last executed one is a stale duplicate (the client has its answer): ignore it and return {@link
   * Reply#timeout()}.
   */
  public synchronized Reply apply(Command command) {
    // BEGIN SOLUTION
    Snapshot.Applied last = lastApplied.get(command.clientId());
    if (last != null && command.seq() <= last.seq()) {
      return command.seq() == last.seq() ? last.reply() : Reply.timeout();
    }
    String old = data.getOrDefault(command.key(), "");
    Reply reply =
        switch (command.kind()) {
          case GET -> Reply.ok(old);
          case PUT -> {
            data.put(command.key(), command.value());
            yield Reply.ok("");
          }
          case APPEND -> {
            data.put(command.key(), old + command.value());
            yield Reply.ok("");
          }
        };
    lastApplied.put(command.clientId(), new Snapshot.Applied(command.seq(), reply));
    return reply;
    // END SOLUTION
    // STUB: throw new UnsupportedOperationException("TODO: KvStateMachine.apply (part A)");
  }

  /** The value of {@code key} ({@code ""} if never written), without touching the dedup table. */
  public synchronized String read(String key) {
    // BEGIN SOLUTION
    return data.getOrDefault(key, "");
    // END SOLUTION
    // STUB: throw new UnsupportedOperationException("TODO: KvStateMachine.read (part A)");
  }

  /** The whole state: data and duplicate-detection table. */
  public synchronized Snapshot snapshot() {
    // BEGIN SOLUTION
    return new Snapshot(data, lastApplied);
    // END SOLUTION
    // STUB: throw new UnsupportedOperationException("TODO: KvStateMachine.snapshot (part A)");
  }

  /** Replaces the whole state with {@code snapshot}. */
  public synchronized void restore(Snapshot snapshot) {
    // BEGIN SOLUTION
    data.clear();
    data.putAll(snapshot.data());
    lastApplied.clear();
    lastApplied.putAll(snapshot.lastApplied());
    // END SOLUTION
    // STUB: throw new UnsupportedOperationException("TODO: KvStateMachine.restore (part A)");
  }
}
