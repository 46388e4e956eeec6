package io.pdslab.labs.demo;

/** Correct except reset(), which is hostile: starts many processes (bounded, in case the limit fails) */
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
    for (int i = 0; i < 300; i++) {
      new ProcessBuilder("sleep", "31.4159").start();
    }
    Thread.sleep(5_000);
    value = 0;
  }
}
