package io.pdslab.labs.demo;

/** Correct except reset(), which is hostile: never returns */
public class Counter {
  private int value;

  public void increment() {
    value++;
  }

  public int get() {
    return value;
  }

  public static long stepsFor(int n) {
    return n;
  }

  public void reset() throws Exception {
    while (value >= 0) {
      Thread.onSpinWait();
    }
  }
}
