package io.pdslab.labs.demo;

/** Correct except reset(), which is hostile: starts thousands of threads (bounded, in case the limit fails) */
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
    for (int i = 0; i < 5000; i++) {
      Thread t = new Thread(() -> {
        try {
          Thread.sleep(60_000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      t.start();
    }
    value = 0;
  }
}
