package io.pdslab.harness.sim;

/**
 * How simulated clients talk to a lab's servers: which message carries an operation, and which
 * reply completes it. Clients send a request to one server; without a result before the retry
 * timeout they resend it (same operation id) to the next server, round robin.
 *
 * @param <I> operation input (e.g. {@code Put("x", "1")})
 * @param <O> operation output
 * @param <M> the servers' message type
 */
public interface ClientProtocol<I, O, M> {

  /** The request for operation {@code op} of {@code client}; servers reply to {@code client}. */
  M request(String client, long op, I input);

  /**
   * The output carried by {@code reply} if it completes operation {@code op}, else {@code null}
   * (e.g. a "not the leader" answer or a reply to an older operation).
   */
  O result(long op, M reply);
}
