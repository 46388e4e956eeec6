package io.pdslab.labs.concurrent;

import io.pdslab.labs.concurrent.given.ConcurrentStack;
import java.util.ArrayDeque;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;

/**
 * Lincheck operations over a {@link ConcurrentStack}; subclasses say which stack. Lincheck creates
 * a fresh instance (a fresh stack) for every scenario it runs.
 */
@Param(name = "item", gen = SeededIntGen.class, conf = "1:5")
public abstract class StackSpec {
  private final ConcurrentStack<Integer> stack = newStack();

  /** The implementation under test. */
  protected abstract ConcurrentStack<Integer> newStack();

  @Operation
  public void push(@Param(name = "item") int item) {
    stack.push(item);
  }

  @Operation
  public Integer pop() {
    return stack.pop();
  }

  /** The sequential specification: a plain stack. */
  public static final class Sequential {
    private final ArrayDeque<Integer> stack = new ArrayDeque<>();

    public void push(int item) {
      stack.push(item);
    }

    public Integer pop() {
      return stack.poll();
    }
  }
}
