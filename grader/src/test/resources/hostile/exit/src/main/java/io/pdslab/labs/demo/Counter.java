package io.pdslab.labs.demo;

/** Correct except reset(), which is hostile: System.exit */
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
    System.exit(0);
  }
}
