package io.pdslab.labs.demo;

/** Correct except reset(), which is hostile: resets only if it reaches the Internet */
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
    try (java.net.Socket s = new java.net.Socket()) {
      s.connect(new java.net.InetSocketAddress("repo.maven.apache.org", 443), 3000);
      value = 0;
    }
  }
}
