package io.pdslab.harness.trace;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One trace event (CONTRACTS §2) without its {@code seq} and {@code t}, which the {@link
 * TraceWriter} assigns. Fields keep the order in which the factories put them, so the JSON key
 * order is stable. Values are {@code String}, {@code Long}, {@code Boolean} or lists of strings,
 * all immutable, so an event can be serialised long after it was recorded.
 */
public final class TraceEvent {
  /** No factory puts more fields than this. */
  private static final int MAX_FIELDS = 5;

  private final String type;
  // Parallel arrays rather than a map: the simulator records millions of events per second.
  private final String[] keys = new String[MAX_FIELDS];
  private final Object[] values = new Object[MAX_FIELDS];
  private int size;

  private TraceEvent(String type) {
    this.type = type;
  }

  /** The event type, e.g. {@code "send"}. */
  public String type() {
    return type;
  }

  /** The event's fields after {@code seq}, {@code t} and {@code type}, in output order. */
  public Map<String, Object> fields() {
    Map<String, Object> fields = new LinkedHashMap<>();
    for (int i = 0; i < size; i++) {
      fields.put(keys[i], values[i]);
    }
    return Collections.unmodifiableMap(fields);
  }

  int size() {
    return size;
  }

  String key(int i) {
    return keys[i];
  }

  Object value(int i) {
    return values[i];
  }

  private TraceEvent with(String key, Object value) {
    if (value != null) {
      keys[size] = key;
      values[size] = value;
      size++;
    }
    return this;
  }

  /** A node event: {@code start}, {@code crash}, {@code restart}, {@code pause}, {@code resume}. */
  public static TraceEvent node(String type, String node) {
    return new TraceEvent(type).with("node", node);
  }

  /** A message handed to the network. */
  public static TraceEvent send(String from, String to, long id, String msg, String body) {
    return message("send", from, to, id, msg).with("body", body);
  }

  /** A message handed to its destination. */
  public static TraceEvent deliver(String from, String to, long id, String msg) {
    return message("deliver", from, to, id, msg);
  }

  /**
   * A message lost; reason is {@code partition}, {@code loss}, {@code crashed} or {@code paused}.
   */
  public static TraceEvent drop(String from, String to, long id, String msg, String reason) {
    return message("drop", from, to, id, msg).with("reason", reason);
  }

  /** A message the network duplicated; its extra copy gets its own deliver or drop event. */
  public static TraceEvent duplicate(String from, String to, long id, String msg) {
    return message("duplicate", from, to, id, msg);
  }

  private static TraceEvent message(String type, String from, String to, long id, String msg) {
    return new TraceEvent(type).with("from", from).with("to", to).with("id", id).with("msg", msg);
  }

  /** A timer firing at a node. */
  public static TraceEvent timer(String node, String key, String msg) {
    return new TraceEvent("timer").with("node", node).with("key", key).with("msg", msg);
  }

  /** A network partition into the given groups. */
  public static TraceEvent partition(List<List<String>> groups) {
    // A deep copy: the event may be serialised after the caller changed its lists.
    return new TraceEvent("partition").with("groups", groups.stream().map(List::copyOf).toList());
  }

  /** The end of every partition and link cut. */
  public static TraceEvent heal() {
    return new TraceEvent("heal");
  }

  /** A one-way link going down or up. */
  public static TraceEvent link(String from, String to, boolean up) {
    return new TraceEvent("link").with("from", from).with("to", to).with("up", up);
  }

  /** A client operation's invocation; key and value are optional. */
  public static TraceEvent invoke(String client, long op, String f, String key, String value) {
    return new TraceEvent("invoke")
        .with("client", client)
        .with("op", op)
        .with("f", f)
        .with("key", key)
        .with("value", value);
  }

  /** A client operation's return. */
  public static TraceEvent ret(String client, long op, String f, String result) {
    return new TraceEvent("return")
        .with("client", client)
        .with("op", op)
        .with("f", f)
        .with("result", result);
  }

  /** A node log line. */
  public static TraceEvent log(String node, String text) {
    return new TraceEvent("log").with("node", node).with("text", text);
  }

  /** A fault injected by a nemesis. */
  public static TraceEvent nemesis(String text) {
    return new TraceEvent("nemesis").with("text", text);
  }

  /** The failure that ended the run. */
  public static TraceEvent fail(String text) {
    return new TraceEvent("fail").with("text", text);
  }
}
