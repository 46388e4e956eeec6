package io.pdslab.labs.rpc.given;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The server's state machine: a map of strings where a missing key reads as {@code ""}. It also
 * records, for the tests, which calls it executed, so that executing a call twice is seen at once.
 * Thread-safe.
 */
public final class KvStore {
  private final Map<String, String> data = new HashMap<>();
  private final Set<CallId> executed = new HashSet<>();
  private final List<CallId> executedTwice = new ArrayList<>();

  /** A call's identity: a client's id and its sequence number. */
  public record CallId(long clientId, long seq) {}

  /** Executes call {@code seq} of {@code clientId}: applies {@code op} and returns its result. */
  public synchronized String execute(long clientId, long seq, Op op) {
    CallId id = new CallId(clientId, seq);
    if (!executed.add(id)) {
      executedTwice.add(id);
    }
    return switch (op.kind()) {
      case GET -> data.getOrDefault(op.key(), "");
      case PUT -> {
        data.put(op.key(), op.value());
        yield "";
      }
      case APPEND -> {
        data.merge(op.key(), op.value(), String::concat);
        yield "";
      }
    };
  }

  /** How many calls were executed (a call executed twice counts twice). */
  public synchronized int executions() {
    return executed.size() + executedTwice.size();
  }

  /** The calls executed more than once, in the order of their second execution. */
  public synchronized List<CallId> executedTwice() {
    return List.copyOf(executedTwice);
  }

  /** The value of {@code key} now. */
  public synchronized String get(String key) {
    return data.getOrDefault(key, "");
  }
}
