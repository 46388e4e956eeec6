package io.pdslab.harness.lin;

/**
 * One client operation of a history: what the client asked ({@code input}), what it got back
 * ({@code output}) and when. An operation that never returned (the client crashed or timed out) is
 * <em>pending</em>: its {@code returnTime} is {@link #PENDING} and its output is {@code null}; the
 * checker lets it take effect at any point after its call, or never.
 *
 * <p>Times are in any unit, as long as one history uses one clock: virtual milliseconds in the
 * simulator, {@link System#nanoTime()} for real threads.
 *
 * @param client the client (thread, process) that issued the operation
 * @param input the operation and its arguments, as the {@link Model} understands them
 * @param output the result, or {@code null} if pending
 * @param callTime when the client invoked it
 * @param returnTime when the client saw the result, or {@link #PENDING}
 * @param <I> model input type
 * @param <O> model output type
 */
public record Operation<I, O>(int client, I input, O output, long callTime, long returnTime) {

  /** The return time of an operation that never returned. */
  public static final long PENDING = Long.MAX_VALUE;

  /** Checks that the operation does not return before it is called. */
  public Operation {
    if (returnTime < callTime) {
      throw new IllegalArgumentException(
          "operation of client "
              + client
              + " returns at "
              + returnTime
              + " before its call at "
              + callTime);
    }
  }

  /** A completed operation. */
  public static <I, O> Operation<I, O> of(
      int client, I input, O output, long callTime, long returnTime) {
    return new Operation<>(client, input, output, callTime, returnTime);
  }

  /** An operation that was called but never returned. */
  public static <I, O> Operation<I, O> pending(int client, I input, long callTime) {
    return new Operation<>(client, input, null, callTime, PENDING);
  }

  /** Whether the operation never returned. */
  public boolean isPending() {
    return returnTime == PENDING;
  }
}
