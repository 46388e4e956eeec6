package io.pdslab.bench.rpc;

import io.pdslab.labs.rpc.KvServer;
import io.pdslab.labs.rpc.RpcClient;
import io.pdslab.labs.rpc.given.ClientConfig;
import io.pdslab.labs.rpc.given.KvStore;
import io.pdslab.labs.rpc.given.Op;
import io.pdslab.labs.rpc.given.Pipelines;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * One point of the latency curve: calls on the reference client and server at a fixed offered rate,
 * sent on schedule whether or not earlier ones have finished (open loop). A call's latency runs
 * from its <em>intended</em> send time, not from when the generator got round to it, so a stalled
 * system is charged for every call it delayed (no coordinated omission).
 */
final class OpenLoop {
  /** A large window: calls queue in the client, as they would in front of a busy server. */
  static final ClientConfig CONFIG = new ClientConfig(10_000, 200, 2_000, 1024);

  private OpenLoop() {}

  /** What one point measured. */
  record Result(Histogram latencyNanos, long calls, long failed, double achievedPerSec) {}

  /**
   * Offers {@code ratePerSec} calls per second for {@code warmupMs} (unrecorded), then for {@code
   * measureMs}, and waits for the last call to finish.
   */
  static Result run(Transports.Kind kind, int ratePerSec, long warmupMs, long measureMs, long seed)
      throws Exception {
    KvStore store = new KvStore();
    KvServer server = new KvServer(store);
    RpcClient client = new RpcClient(1, CONFIG, new Random(seed));
    Recorder recorder = new Recorder(TimeUnit.SECONDS.toNanos(60), 3);
    AtomicLong outstanding = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    AtomicLong completedInWindow = new AtomicLong();
    Random ops = new Random(seed);
    long calls = 0;
    try (Transports t =
        new Transports(
            kind,
            ch -> Pipelines.server(ch, server, null),
            ch -> Pipelines.client(ch, client, null))) {
      double interval = 1e9 / ratePerSec;
      long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
      long measureFrom = start + TimeUnit.MILLISECONDS.toNanos(warmupMs);
      long end = measureFrom + TimeUnit.MILLISECONDS.toNanos(measureMs);
      for (long i = 0; ; i++) {
        long intended = start + (long) (i * interval);
        if (intended >= end) {
          break;
        }
        for (long now; (now = System.nanoTime()) < intended; ) {
          LockSupport.parkNanos(intended - now);
        }
        boolean measured = intended >= measureFrom;
        calls += measured ? 1 : 0;
        String key = "k" + ops.nextInt(16);
        Op op = ops.nextBoolean() ? Op.get(key) : Op.put(key, "value-0123456789");
        outstanding.incrementAndGet();
        client
            .call(op)
            .whenComplete(
                (v, e) -> {
                  long now = System.nanoTime();
                  if (measured) {
                    if (e == null) {
                      recorder.recordValue(now - intended);
                    } else {
                      failed.incrementAndGet();
                    }
                    if (now <= end) {
                      completedInWindow.incrementAndGet();
                    }
                  }
                  outstanding.decrementAndGet();
                });
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (outstanding.get() > 0 && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
    }
    double achieved = completedInWindow.get() * 1000.0 / measureMs;
    return new Result(recorder.getIntervalHistogram(), calls, failed.get(), achieved);
  }
}
