package io.pdslab.labs.demo;

/** Correct except reset(), which is hostile: loads the reference compiled in the project's target/classes */
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
    for (String dir : new String[] {"labs/demo/target/classes", "../../labs/demo/target/classes"}) {
      java.io.File f = new java.io.File(dir);
      if (f.isDirectory()) {
        ClassLoader loader = new java.net.URLClassLoader(new java.net.URL[] {f.toURI().toURL()}, null);
        loader.loadClass("io.pdslab.labs.demo.Counter");
      }
    }
    value = 0;
  }
}
