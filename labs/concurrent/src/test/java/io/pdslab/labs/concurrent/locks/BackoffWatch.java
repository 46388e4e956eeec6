package io.pdslab.labs.concurrent.locks;

import io.pdslab.labs.concurrent.given.Backoff;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;

/**
 * A hook for {@link Backoff#backoff()} in a {@link io.pdslab.harness.structure.RedirectedCopy} of a
 * lock: records the backoff's limit at each call, so that a check can see whether it grows.
 */
public final class BackoffWatch {
  private static final List<Integer> LIMITS = new ArrayList<>();
  private static final Field LIMIT;

  static {
    try {
      LIMIT = Backoff.class.getDeclaredField("limit");
      LIMIT.setAccessible(true);
    } catch (NoSuchFieldException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private BackoffWatch() {}

  /** Forgets the limits recorded so far. */
  static synchronized void reset() {
    LIMITS.clear();
  }

  /** The limit of each backoff at each call, in call order. */
  static synchronized List<Integer> limits() {
    return new ArrayList<>(LIMITS);
  }

  public static void backoff(Backoff backoff) {
    try {
      synchronized (BackoffWatch.class) {
        LIMITS.add(LIMIT.getInt(backoff));
      }
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
    backoff.backoff();
  }
}
