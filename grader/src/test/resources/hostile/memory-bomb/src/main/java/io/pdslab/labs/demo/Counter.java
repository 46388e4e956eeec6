package io.pdslab.labs.demo;

/** Correct except reset(), which is hostile: allocates until the heap is exhausted */
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
    java.util.List<long[]> hog = new java.util.ArrayList<>();
    while (true) {
      hog.add(new long[1 << 20]);
    }
  }
}
