package io.pdslab.harness.lin.model;

import io.pdslab.harness.lin.Model;
import java.util.Objects;
import java.util.Optional;

/**
 * A single register with read, write and compare-and-set; without {@code cas} operations it is the
 * plain read/write register. The state is the value, {@code Optional.empty()} for nil.
 *
 * @param <V> value type
 */
public final class RegisterModel<V>
    implements Model<Optional<V>, RegisterModel.Op<V>, RegisterModel.Result<V>> {

  /** Operation kinds. */
  public enum Kind {
    READ,
    WRITE,
    CAS
  }

  /**
   * A register operation: {@code read()}, {@code write(value)} or {@code cas(expected, value)}. A
   * {@code null} value stands for nil.
   */
  public record Op<V>(Kind kind, V expected, V value) {
    public static <V> Op<V> read() {
      return new Op<>(Kind.READ, null, null);
    }

    public static <V> Op<V> write(V value) {
      return new Op<>(Kind.WRITE, null, value);
    }

    public static <V> Op<V> cas(V expected, V value) {
      return new Op<>(Kind.CAS, expected, value);
    }

    @Override
    public String toString() {
      return switch (kind) {
        case READ -> "read";
        case WRITE -> "write " + value;
        case CAS -> "cas " + expected + " -> " + value;
      };
    }
  }

  /**
   * What a client saw: {@code ok} (false only for a failed cas) and, for a read, the value read
   * ({@code null} for nil).
   */
  public record Result<V>(boolean ok, V value) {
    public static <V> Result<V> success() {
      return new Result<>(true, null);
    }

    public static <V> Result<V> failed() {
      return new Result<>(false, null);
    }

    public static <V> Result<V> read(V value) {
      return new Result<>(true, value);
    }
  }

  private final Optional<V> initial;

  /** A register that starts nil. */
  public RegisterModel() {
    this(null);
  }

  /** A register that starts with {@code initial} ({@code null} for nil). */
  public RegisterModel(V initial) {
    this.initial = Optional.ofNullable(initial);
  }

  @Override
  public Optional<V> init() {
    return initial;
  }

  @Override
  public Optional<V> step(Optional<V> state, Op<V> op, Result<V> result) {
    V current = state.orElse(null);
    return switch (op.kind()) {
      case READ -> result == null || Objects.equals(result.value(), current) ? state : null;
      case WRITE -> Optional.ofNullable(op.value());
      case CAS -> {
        boolean matches = Objects.equals(op.expected(), current);
        if (result == null) {
          yield matches ? Optional.ofNullable(op.value()) : state;
        }
        if (result.ok()) {
          yield matches ? Optional.ofNullable(op.value()) : null;
        }
        yield matches ? null : state;
      }
    };
  }

  @Override
  public boolean isReadOnly(Op<V> op, Result<V> result) {
    return op.kind() == Kind.READ || (op.kind() == Kind.CAS && result != null && !result.ok());
  }

  @Override
  public String describeOperation(Op<V> op, Result<V> result) {
    if (result == null) {
      return op + " -> ? (never returned)";
    }
    return switch (op.kind()) {
      case READ -> "read -> " + (result.value() == null ? "nil" : result.value());
      case WRITE -> op.toString();
      case CAS -> op + (result.ok() ? " -> ok" : " -> failed");
    };
  }

  @Override
  public String describeState(Optional<V> state) {
    return state.map(String::valueOf).orElse("nil");
  }
}
