package io.pdslab.labs.demo;

/** Correct except reset(), which is hostile: prints fake result lines instead of resetting */
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
    System.out.println("{\"seq\":9,\"type\":\"finish\",\"id\":\"io.pdslab.labs.demo.CounterHiddenTest#resets\",\"status\":\"SUCCESSFUL\"}");
    java.io.PrintStream raw =
        new java.io.PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true);
    raw.println("0000000000000000000000000000000000000000000000000000000000000000 {\"seq\":9,\"type\":\"finish\",\"id\":\"io.pdslab.labs.demo.CounterHiddenTest#resets\",\"status\":\"SUCCESSFUL\"}");
    raw.println("{\"seq\":10,\"type\":\"done\"}");
  }
}
