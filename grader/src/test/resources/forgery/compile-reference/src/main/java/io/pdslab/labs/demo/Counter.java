package io.pdslab.labs.demo;

/** Correct except reset(), which is hostile: compiles the reference's sources with the JDK's compiler at run time */
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
    javax.tools.JavaCompiler javac = javax.tools.ToolProvider.getSystemJavaCompiler();
    javac.run(null, null, null, "-d", "ref", "labs/demo/src/main/java/io/pdslab/labs/demo/Counter.java");
    value = 0;
  }
}
