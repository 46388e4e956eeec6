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
    // Inside the sandbox /tmp is private: this write succeeds but never reaches the host.
    java.nio.file.Files.writeString(java.nio.file.Path.of("/tmp/pdslab-escaped.txt"), "escaped");
    // Its own compiled classes are read-only: this write fails.
    java.nio.file.Path classes =
        java.nio.file.Path.of(Counter.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    java.nio.file.Files.writeString(classes.resolve("escaped.txt"), "escaped");
    value = 0;
  }
}
