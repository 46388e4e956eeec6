package io.pdslab.labs.demo;

/** A counter. */
public class Counter {
  private int value;

  /** Adds one. */
  public void increment() {
    // BEGIN SOLUTION
    value++;
    // END SOLUTION
    // STUB: throw new UnsupportedOperationException("TODO: increment()");
  }

  /** The count. */
  public int get() {
    return value;
  }

  /** Back to zero. */
  public void reset() {
    // BEGIN SOLUTION
    value = 0;
    // END SOLUTION
  }

  /** Work units spent counting to {@code n}; the performance check compares it to the reference. */
  public static long stepsFor(int n) {
    // BEGIN SOLUTION
    return n;
    // END SOLUTION
    // STUB: return (long) n * n;
  }
}
