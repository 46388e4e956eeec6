package io.pdslab.grader.run;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Drains a stream on its own thread, keeping only its last bytes (tests may print gigabytes). */
final class OutputTail {
  private final byte[] ring;
  private long total;
  private final Thread thread;

  OutputTail(InputStream in, int capacity, String name) {
    this.ring = new byte[capacity];
    this.thread = new Thread(() -> drain(in), name);
    thread.setDaemon(true);
    thread.start();
  }

  private void drain(InputStream in) {
    byte[] buf = new byte[8192];
    try (in) {
      for (int n; (n = in.read(buf)) > 0; ) {
        synchronized (this) {
          for (int i = 0; i < n; i++) {
            ring[(int) (total++ % ring.length)] = buf[i];
          }
        }
      }
    } catch (IOException e) {
      // the child died: keep what we have
    }
  }

  /** Waits briefly for the stream to end (the child has exited). */
  void awaitEnd() {
    try {
      thread.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** What was kept, with a note when the beginning was dropped. */
  synchronized String text() {
    if (total <= ring.length) {
      return new String(ring, 0, (int) total, StandardCharsets.UTF_8);
    }
    int start = (int) (total % ring.length);
    byte[] out = new byte[ring.length];
    System.arraycopy(ring, start, out, 0, ring.length - start);
    System.arraycopy(ring, 0, out, ring.length - start, start);
    return "... ("
        + (total - ring.length)
        + " bytes dropped)\n"
        + new String(out, StandardCharsets.UTF_8);
  }
}
