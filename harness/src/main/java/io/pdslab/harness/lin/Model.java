package io.pdslab.harness.lin;

/**
 * The sequential specification of an object, as the {@link LinearizabilityChecker} needs it.
 *
 * <p>States must be immutable values, never {@code null}, with {@code equals} and {@code hashCode}
 * that compare content (records, strings, boxed numbers and {@code List.of}/{@code Set.of}
 * collections qualify): the checker memoises (linearised operations, state) pairs.
 *
 * @param <S> state type
 * @param <I> operation input type (the call and its arguments)
 * @param <O> operation output type (the result the client saw)
 */
public interface Model<S, I, O> {

  /** The state before any operation. */
  S init();

  /**
   * Applies one operation to {@code state}.
   *
   * @param output the result the client saw, or {@code null} for a pending operation (it never
   *     returned, so any result is allowed)
   * @return the new state, or {@code null} if the operation cannot have returned {@code output} in
   *     {@code state}
   */
  S step(S state, I input, O output);

  /**
   * Whether the operation, with this output, leaves every state the model accepts it in unchanged
   * (a read, a failed compare-and-set). The checker then tries it as soon as it fits instead of
   * trying every order around it, which prunes most of the search in read-heavy histories. Answer
   * {@code true} only when it holds in every state; the default, {@code false}, is always safe.
   *
   * @param output the result the client saw, or {@code null} for a pending operation
   */
  default boolean isReadOnly(I input, O output) {
    return false;
  }

  /**
   * The partition an operation belongs to, for P-compositionality: when the object is a collection
   * of independent objects (the keys of a map), each partition is checked alone, in parallel.
   * {@code null} (the default) puts every operation in one partition.
   */
  default Object partition(I input) {
    return null;
  }

  /** A short human-readable form of an operation, for explanations. */
  default String describeOperation(I input, O output) {
    return input + " -> " + (output == null ? "?" : output);
  }

  /** A short human-readable form of a state, for explanations. */
  default String describeState(S state) {
    return String.valueOf(state);
  }
}
