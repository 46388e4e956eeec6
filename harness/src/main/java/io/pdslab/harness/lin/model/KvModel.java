package io.pdslab.harness.lin.model;

import io.pdslab.harness.lin.Model;

/**
 * A key-value map of strings with get, put and append, where every key starts as the empty string.
 * Partitioned by key, so the state is the value of one key. A get's output is the value read; put
 * and append outputs are ignored (use {@code ""}).
 */
public final class KvModel implements Model<String, KvModel.Op, String> {

  /** Operation kinds. */
  public enum Kind {
    GET,
    PUT,
    APPEND
  }

  /** A map operation on {@code key}; {@code value} is unused by get. */
  public record Op(Kind kind, String key, String value) {
    public static Op get(String key) {
      return new Op(Kind.GET, key, null);
    }

    public static Op put(String key, String value) {
      return new Op(Kind.PUT, key, value);
    }

    public static Op append(String key, String value) {
      return new Op(Kind.APPEND, key, value);
    }
  }

  @Override
  public String init() {
    return "";
  }

  @Override
  public String step(String state, Op op, String output) {
    return switch (op.kind()) {
      case GET -> output == null || output.equals(state) ? state : null;
      case PUT -> op.value();
      case APPEND -> state.concat(op.value());
    };
  }

  @Override
  public boolean isReadOnly(Op op, String output) {
    return op.kind() == Kind.GET;
  }

  @Override
  public Object partition(Op op) {
    return op.key();
  }

  @Override
  public String describeOperation(Op op, String output) {
    String out = output == null ? " -> ? (never returned)" : "";
    return switch (op.kind()) {
      case GET -> "get(" + quote(op.key()) + ")" + (output == null ? out : " -> " + quote(output));
      case PUT -> "put(" + quote(op.key()) + ", " + quote(op.value()) + ")" + out;
      case APPEND -> "append(" + quote(op.key()) + ", " + quote(op.value()) + ")" + out;
    };
  }

  @Override
  public String describeState(String state) {
    return quote(state);
  }

  private static String quote(String s) {
    return '"' + s + '"';
  }
}
