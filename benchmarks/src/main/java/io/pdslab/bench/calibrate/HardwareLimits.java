package io.pdslab.bench.calibrate;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Control;

/**
 * The machine's limits for concurrent structures, in operations per microsecond (millions per
 * second): one thread's uncontended compare-and-set, and the cross-core hand-off of one cache line
 * (a ping-pong: each operation waits until the other thread has written the line, then writes it
 * back, so each counts one transfer of the line from one core to the other).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class HardwareLimits {
  /** A counter private to each thread: its line never leaves the core. */
  @State(Scope.Thread)
  public static class Own {
    final AtomicLong value = new AtomicLong();
  }

  /**
   * The ball two threads pass: whose turn it is. A reference (not a counter) so both sides do the
   * same work: read until it is theirs, then one volatile write.
   */
  @State(Scope.Group)
  public static class Ball {
    static final Object PING = new Object();
    static final Object PONG = new Object();
    final AtomicReference<Object> turn = new AtomicReference<>(PING);
  }

  /** One uncontended CAS that always succeeds. */
  @Benchmark
  public boolean cas(Own own) {
    long v = own.value.get();
    return own.value.compareAndSet(v, v + 1);
  }

  /** Waits for the ball, then passes it to {@link #pong}. */
  @Benchmark
  @Group("handoff")
  @GroupThreads(1)
  public void ping(Ball ball, Control control) {
    pass(ball, Ball.PING, Ball.PONG, control);
  }

  /** Waits for the ball, then passes it back to {@link #ping}. */
  @Benchmark
  @Group("handoff")
  @GroupThreads(1)
  public void pong(Ball ball, Control control) {
    pass(ball, Ball.PONG, Ball.PING, control);
  }

  private static void pass(Ball ball, Object mine, Object theirs, Control control) {
    // control.stopMeasurement: the other side may already have left the last iteration.
    while (ball.turn.get() != mine) {
      if (control.stopMeasurement) {
        return;
      }
      Thread.onSpinWait();
    }
    ball.turn.set(theirs);
  }
}
