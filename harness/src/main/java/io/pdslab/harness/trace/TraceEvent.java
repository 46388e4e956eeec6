package io.pdslab.harness.trace;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One trace event (CONTRACTS §2) without its {@code seq} and {@code t}, which the {@link
 * TraceWriter} assigns. Fields keep the order in which the factories put them, so the JSON key
 * order is stable; a field whose value is null is left out. Values are {@code String}, {@code
 * Long}, {@code Boolean}, lists of strings, or a message body rendered on demand, all immutable, so
 * an event can be serialised long after it was recorded.
 */
public final class TraceEvent {
  // Each factory shares one array of keys; an event only holds its values. The simulator records
  // millions of events per second, so a map per event would be its main cost.
  private static final String[] NODE = {"node"};
  private static final String[] SEND = {"from", "to", "id", "msg", "body"};
  private static final String[] MESSAGE = {"from", "to", "id", "msg"};
  private static final String[] DROP = {"from", "to", "id", "msg", "reason"};
  private static final String[] TIMER = {"node", "key", "msg"};
  private static final String[] PARTITION = {"groups"};
  private static final String[] NONE = {};
  private static final String[] LINK = {"from", "to", "up"};
  private static final String[] INVOKE = {"client", "op", "f", "key", "value"};
  private static final String[] RETURN = {"client", "op", "f", "result"};
  private static final String[] LOG = {"node", "text"};
  private static final String[] TEXT = {"text"};

  private final String type;
  private final String[] keys;
  private final Object[] values;

  private TraceEvent(String type, String[] keys, Object... values) {
    this.type = type;
    this.keys = keys;
    this.values = values;
  }

  /** The event type, e.g. {@code "send"}. */
  public String type() {
    return type;
  }

  /** The event's fields after {@code seq}, {@code t} and {@code type}, in output order. */
  public Map<String, Object> fields() {
    Map<String, Object> fields = new LinkedHashMap<>();
    for (int i = 0; i < keys.length; i++) {
      Object value = value(i);
      if (value != null) {
        fields.put(keys[i], value);
      }
    }
    return Collections.unmodifiableMap(fields);
  }

  /** The number of keys, including those of null (left out) fields. */
  int size() {
    return keys.length;
  }

  String key(int i) {
    return keys[i];
  }

  /** The value of field {@code i}, a deferred body rendered now; null if the field is left out. */
  Object value(int i) {
    return values[i] instanceof Supplier<?> body ? String.valueOf(body.get()) : values[i];
  }

  /** A node event: {@code start}, {@code crash}, {@code restart}, {@code pause}, {@code resume}. */
  public static TraceEvent node(String type, String node) {
    return new TraceEvent(type, NODE, node);
  }

  /** A message handed to the network. */
  public static TraceEvent send(String from, String to, long id, String msg, String body) {
    return new TraceEvent("send", SEND, from, to, id, msg, body);
  }

  /**
   * A message handed to the network, its body rendered only if the trace is serialised: {@code
   * body} must give the same text whenever it is called (e.g. the {@code toString} of an immutable
   * message).
   */
  public static TraceEvent send(
      String from, String to, long id, String msg, Supplier<String> body) {
    return new TraceEvent("send", SEND, from, to, id, msg, body);
  }

  /** A message handed to its destination. */
  public static TraceEvent deliver(String from, String to, long id, String msg) {
    return new TraceEvent("deliver", MESSAGE, from, to, id, msg);
  }

  /**
   * A message lost; reason is {@code partition}, {@code loss}, {@code crashed} or {@code paused}.
   */
  public static TraceEvent drop(String from, String to, long id, String msg, String reason) {
    return new TraceEvent("drop", DROP, from, to, id, msg, reason);
  }

  /** A message the network duplicated; its extra copy gets its own deliver or drop event. */
  public static TraceEvent duplicate(String from, String to, long id, String msg) {
    return new TraceEvent("duplicate", MESSAGE, from, to, id, msg);
  }

  /** A timer firing at a node. */
  public static TraceEvent timer(String node, String key, String msg) {
    return new TraceEvent("timer", TIMER, node, key, msg);
  }

  /** A network partition into the given groups. */
  public static TraceEvent partition(List<List<String>> groups) {
    // A deep copy: the event may be serialised after the caller changed its lists.
    return new TraceEvent("partition", PARTITION, groups.stream().map(List::copyOf).toList());
  }

  /** The end of every partition and link cut. */
  public static TraceEvent heal() {
    return new TraceEvent("heal", NONE);
  }

  /** A one-way link going down or up. */
  public static TraceEvent link(String from, String to, boolean up) {
    return new TraceEvent("link", LINK, from, to, up);
  }

  /** A client operation's invocation; key and value are optional. */
  public static TraceEvent invoke(String client, long op, String f, String key, String value) {
    return new TraceEvent("invoke", INVOKE, client, op, f, key, value);
  }

  /** A client operation's return. */
  public static TraceEvent ret(String client, long op, String f, String result) {
    return new TraceEvent("return", RETURN, client, op, f, result);
  }

  /** A node log line. */
  public static TraceEvent log(String node, String text) {
    return new TraceEvent("log", LOG, node, text);
  }

  /** A fault injected by a nemesis. */
  public static TraceEvent nemesis(String text) {
    return new TraceEvent("nemesis", TEXT, text);
  }

  /** The failure that ended the run. */
  public static TraceEvent fail(String text) {
    return new TraceEvent("fail", TEXT, text);
  }
}
