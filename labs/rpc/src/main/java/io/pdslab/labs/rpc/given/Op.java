package io.pdslab.labs.rpc.given;

import java.util.Objects;

/**
 * A key-value operation. {@code value} is {@code ""} for a get.
 *
 * @param kind get, put or append
 * @param key the key
 * @param value the value put or appended
 */
public record Op(Kind kind, String key, String value) {

  /** Operation kinds, with their wire codes. */
  public enum Kind {
    GET(0),
    PUT(1),
    APPEND(2);

    private final int code;

    Kind(int code) {
      this.code = code;
    }

    /** The byte that encodes this kind on the wire. */
    public int code() {
      return code;
    }

    /** The kind encoded by {@code code}, or null if none is. */
    public static Kind ofCode(int code) {
      for (Kind k : values()) {
        if (k.code == code) {
          return k;
        }
      }
      return null;
    }
  }

  public Op {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
  }

  /** {@code get(key)}. */
  public static Op get(String key) {
    return new Op(Kind.GET, key, "");
  }

  /** {@code put(key, value)}. */
  public static Op put(String key, String value) {
    return new Op(Kind.PUT, key, value);
  }

  /** {@code append(key, value)}. */
  public static Op append(String key, String value) {
    return new Op(Kind.APPEND, key, value);
  }
}
