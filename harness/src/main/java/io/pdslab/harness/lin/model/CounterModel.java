package io.pdslab.harness.lin.model;

import io.pdslab.harness.lin.Model;

/**
 * A counter starting at 0. {@code add(delta)} returns the new value (a fetch-and-add that reports
 * the result); {@code read()} returns the value. Outputs are the value seen.
 */
public final class CounterModel implements Model<Long, CounterModel.Op, Long> {

  /** An operation: {@code read()} or {@code add(delta)}. */
  public record Op(boolean reads, long delta) {
    public static Op read() {
      return new Op(true, 0);
    }

    public static Op add(long delta) {
      return new Op(false, delta);
    }

    @Override
    public String toString() {
      return reads ? "read" : "add " + delta;
    }
  }

  @Override
  public Long init() {
    return 0L;
  }

  @Override
  public boolean isReadOnly(Op op, Long output) {
    return op.reads();
  }

  @Override
  public Long step(Long state, Op op, Long output) {
    long after = op.reads() ? state : state + op.delta();
    return output == null || output == after ? after : null;
  }
}
