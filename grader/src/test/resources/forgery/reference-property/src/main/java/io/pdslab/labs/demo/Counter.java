package io.pdslab.labs.demo;

/** Correct except reset(), which is hostile: loads the reference from the grader's pdslab.referenceClasses property */
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
    String dir = System.getProperty("pdslab.referenceClasses");
    try (java.net.URLClassLoader loader =
        new java.net.URLClassLoader(new java.net.URL[] {java.nio.file.Path.of(dir).toUri().toURL()}, null)) {
      Object ref = loader.loadClass("io.pdslab.labs.demo.Counter").getConstructor().newInstance();
      ref.getClass().getMethod("reset").invoke(ref);
    }
    value = 0;
  }
}
