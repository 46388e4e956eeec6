package io.pdslab.labs.demo;

/** Correct except reset(), which is hostile: writes a result line to the runner's stdout through /proc/self/fd/1 */
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
        java.nio.file.Path.of("/proc/self/fd/1"),
        "{\"seq\":9,\"type\":\"finish\",\"id\":\"io.pdslab.labs.demo.CounterHiddenTest#resets\","
            + "\"status\":\"SUCCESSFUL\"}\n");
    value = 0;
  }
}
