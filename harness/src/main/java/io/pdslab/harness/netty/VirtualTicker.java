package io.pdslab.harness.netty;

import io.netty.util.concurrent.Ticker;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/** A Netty {@link Ticker} that reads the simulator's virtual milliseconds. */
final class VirtualTicker implements Ticker {
  private final LongSupplier nowMillis;

  VirtualTicker(LongSupplier nowMillis) {
    this.nowMillis = nowMillis;
  }

  @Override
  public long initialNanoTime() {
    return 0;
  }

  @Override
  public long nanoTime() {
    return TimeUnit.MILLISECONDS.toNanos(nowMillis.getAsLong());
  }

  @Override
  public void sleep(long delay, TimeUnit unit) {
    // Sleeping would stop virtual time for good: the simulation runs on this very thread.
    throw new UnsupportedOperationException("a simulated Netty channel cannot sleep");
  }
}
