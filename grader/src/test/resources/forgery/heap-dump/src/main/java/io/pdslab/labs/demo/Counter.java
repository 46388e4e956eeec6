package io.pdslab.labs.demo;

/** Correct except reset(), which is hostile: dumps its own heap to find the result channel's key */
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
    com.sun.management.HotSpotDiagnosticMXBean bean =
        java.lang.management.ManagementFactory.getPlatformMXBean(
            com.sun.management.HotSpotDiagnosticMXBean.class);
    bean.dumpHeap("heap.hprof", true);
    value = 0;
  }
}
