package io.pdslab.harness.lin.model;

import io.pdslab.harness.lin.Model;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A FIFO queue or a LIFO stack of elements: {@code add(e)} (enqueue / push) and {@code remove()}
 * (dequeue / pop). The output of remove is the element taken, {@code Optional.empty()} when the
 * collection was empty; the output of add is ignored (use {@code Optional.empty()}). The state is
 * the immutable list of elements, oldest first.
 *
 * @param <E> element type
 */
public final class SequenceModel<E> implements Model<List<E>, SequenceModel.Op<E>, Optional<E>> {

  private final boolean fifo;

  private SequenceModel(boolean fifo) {
    this.fifo = fifo;
  }

  /** A FIFO queue: remove takes the oldest element. */
  public static <E> SequenceModel<E> queue() {
    return new SequenceModel<>(true);
  }

  /** A LIFO stack: remove takes the newest element. */
  public static <E> SequenceModel<E> stack() {
    return new SequenceModel<>(false);
  }

  /** {@code add(element)} or {@code remove()} (element {@code null}). */
  public record Op<E>(boolean adds, E element) {
    public static <E> Op<E> add(E element) {
      return new Op<>(true, element);
    }

    public static <E> Op<E> remove() {
      return new Op<>(false, null);
    }

    @Override
    public String toString() {
      return adds ? "add " + element : "remove";
    }
  }

  @Override
  public List<E> init() {
    return List.of();
  }

  /** A remove that found the collection empty. */
  @Override
  public boolean isReadOnly(Op<E> op, Optional<E> output) {
    return !op.adds() && output != null && output.isEmpty();
  }

  @Override
  public List<E> step(List<E> state, Op<E> op, Optional<E> output) {
    if (op.adds()) {
      List<E> after = new ArrayList<>(state.size() + 1);
      after.addAll(state);
      after.add(op.element());
      return List.copyOf(after);
    }
    if (state.isEmpty()) {
      return output == null || output.isEmpty() ? state : null;
    }
    int taken = fifo ? 0 : state.size() - 1;
    if (output != null && !output.equals(Optional.of(state.get(taken)))) {
      return null;
    }
    return fifo ? state.subList(1, state.size()) : state.subList(0, taken);
  }
}
