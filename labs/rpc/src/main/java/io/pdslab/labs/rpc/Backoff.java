package io.pdslab.labs.rpc;

import io.pdslab.labs.rpc.given.ClientConfig;
import java.util.Random;

/**
 * Part C: exponential backoff with "equal jitter". Before retry {@code k} (the first retry is 1),
 * wait {@code d = b/2 + floor(u * (b - b/2))} ms, where {@code b = min(maxBackoffMs,
 * initialBackoffMs * 2^(k-1))}, {@code b/2} rounds down, and {@code u = random.nextDouble()} is
 * drawn once per retry.
 */
public final class Backoff {
  private Backoff() {}

  /** The delay before retry {@code retry} (1, 2, ...). */
  public static long delayMillis(int retry, ClientConfig config, Random random) {
    // BEGIN SOLUTION
    long base = config.initialBackoffMs();
    for (int i = 1; i < retry && base < config.maxBackoffMs(); i++) {
      base *= 2;
    }
    base = Math.min(base, config.maxBackoffMs());
    return base / 2 + (long) (random.nextDouble() * (base - base / 2));
    // END SOLUTION
    // STUB: throw new UnsupportedOperationException("TODO: delayMillis");
  }
}
