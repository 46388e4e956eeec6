package io.pdslab.labs.rpc.given;

/**
 * How an {@code RpcClient} times its calls.
 *
 * @param deadlineMs a call fails this long after it was made, unless a reply came
 * @param initialBackoffMs the base delay before the first retry
 * @param maxBackoffMs the cap on the base delay
 * @param window the most calls in flight (sent, not yet finished) at once; later calls wait
 */
public record ClientConfig(long deadlineMs, long initialBackoffMs, long maxBackoffMs, int window) {

  public ClientConfig {
    if (deadlineMs <= 0 || initialBackoffMs <= 0 || maxBackoffMs < initialBackoffMs) {
      throw new IllegalArgumentException(
          "need deadlineMs > 0 and 0 < initialBackoffMs <= maxBackoffMs: " + this);
    }
    if (window < 1) {
      throw new IllegalArgumentException("window must be at least 1, got " + window);
    }
  }

  /** The defaults: a 2 s deadline, 20 ms first backoff, 400 ms cap, one call in flight. */
  public static ClientConfig defaults() {
    return new ClientConfig(2000, 20, 400, 1);
  }

  /** This configuration with another window. */
  public ClientConfig withWindow(int w) {
    return new ClientConfig(deadlineMs, initialBackoffMs, maxBackoffMs, w);
  }

  /** This configuration with another deadline. */
  public ClientConfig withDeadline(long ms) {
    return new ClientConfig(ms, initialBackoffMs, maxBackoffMs, window);
  }
}
