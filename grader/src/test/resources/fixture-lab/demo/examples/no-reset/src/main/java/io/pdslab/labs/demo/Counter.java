package io.pdslab.labs.demo;

public class Counter {
  private int value;

  public void increment() {
    value++;
  }

  public int get() {
    return value;
  }

  public void reset() {}

  public static long stepsFor(int n) {
    return n;
  }
}
