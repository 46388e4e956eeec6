package io.pdslab.harness.lin.model;

import io.pdslab.harness.lin.Model;

/**
 * A set with add, remove and contains, each returning a boolean as {@link java.util.Set} does (add:
 * was absent; remove: was present; contains: is present). Elements are independent, so the model
 * partitions by element and the state is whether that element is present.
 *
 * @param <E> element type
 */
public final class SetModel<E> implements Model<Boolean, SetModel.Op<E>, Boolean> {

  /** Operation kinds. */
  public enum Kind {
    ADD,
    REMOVE,
    CONTAINS
  }

  /** An operation on {@code element}. */
  public record Op<E>(Kind kind, E element) {
    @Override
    public String toString() {
      return kind.name().toLowerCase(java.util.Locale.ROOT) + "(" + element + ")";
    }
  }

  @Override
  public Boolean init() {
    return Boolean.FALSE;
  }

  @Override
  public Boolean step(Boolean present, Op<E> op, Boolean output) {
    boolean result =
        switch (op.kind()) {
          case ADD -> !present;
          case REMOVE, CONTAINS -> present;
        };
    if (output != null && output != result) {
      return null;
    }
    return switch (op.kind()) {
      case ADD -> Boolean.TRUE;
      case REMOVE -> Boolean.FALSE;
      case CONTAINS -> present;
    };
  }

  /** A contains, and an add or remove that changed nothing (answered false). */
  @Override
  public boolean isReadOnly(Op<E> op, Boolean output) {
    return op.kind() == Kind.CONTAINS || Boolean.FALSE.equals(output);
  }

  @Override
  public Object partition(Op<E> op) {
    return op.element();
  }
}
