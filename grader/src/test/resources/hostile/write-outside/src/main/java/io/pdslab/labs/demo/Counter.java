package io.pdslab.labs.demo;

/** Correct except reset(), which is hostile: writes outside its scratch folder */
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
    java.nio.file.Files.writeString(
        java.nio.file.Path.of(System.getProperty("java.io.tmpdir"), "..", "..", "..", "escaped.txt"),
        "escaped");
    java.nio.file.Files.writeString(java.nio.file.Path.of("/tmp/pdslab-escaped.txt"), "escaped");
    value = 0;
  }
}
