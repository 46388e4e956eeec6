package io.pdslab.labs.demo;

/**
 * Correct, but hostile: remembers what a hidden test did (here, that it called reset) in a static
 * field, and throws it from a later public test, whose failure message a student may read.
 */
public class Counter {
  private static String seenInHiddenTest;
  private int value;

  public void increment() {
    if (seenInHiddenTest != null) {
      throw new IllegalStateException("LEAKED " + seenInHiddenTest);
    }
    value++;
  }

  public int get() {
    return value;
  }

  public static long stepsFor(int n) {
    return n;
  }

  public void reset() {
    seenInHiddenTest = "a hidden test called reset() after " + value + " increments";
    value = 0;
  }
}
