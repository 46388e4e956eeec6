package io.pdslab.labs.demo;

/** Correct except reset(), which is hostile: attaches an agent to its own JVM to rewrite the runner */
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
    String pid = Long.toString(ProcessHandle.current().pid());
    com.sun.tools.attach.VirtualMachine vm = com.sun.tools.attach.VirtualMachine.attach(pid);
    vm.loadAgent("agent.jar");
    vm.detach();
    value = 0;
  }
}
