package io.pdslab.grader.grade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Pausing freezes the whole tree the grader started and always lets it go again. */
class PausedJvmTest {
  @Test
  void freezesTheTreeAndContinuesItOnClose() throws Exception {
    assumeTrue(Files.isReadable(Path.of("/proc/self/stat")), "needs Linux /proc");
    // A shell whose child is the process that matters, like bwrap and the JVM inside it.
    Process root = new ProcessBuilder("sh", "-c", "sleep 60; true").start();
    try {
      ProcessHandle child = awaitChild(root.toHandle());
      try (PausedJvm paused = PausedJvm.pause(root.toHandle())) {
        assertNotNull(paused);
        assertEquals('T', state(root.pid()), "the started process is stopped");
        assertEquals('T', state(child.pid()), "and so is its descendant");
      }
      assertEquals('S', state(root.pid()), "close continues the started process");
      assertEquals('S', state(child.pid()), "and its descendant");
    } finally {
      root.descendants().forEach(ProcessHandle::destroyForcibly);
      root.destroyForcibly();
    }
  }

  private static ProcessHandle awaitChild(ProcessHandle root) throws InterruptedException {
    for (int i = 0; i < 500; i++) {
      var child = root.children().findFirst();
      if (child.isPresent()) {
        return child.get();
      }
      Thread.sleep(10);
    }
    throw new AssertionError("sh started no child");
  }

  /** The state letter of /proc/PID/stat (after the parenthesised command). */
  private static char state(long pid) throws IOException, InterruptedException {
    // A signal is delivered asynchronously: wait until the state settles.
    char last = '?';
    for (int i = 0; i < 200; i++) {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      last = stat.charAt(stat.lastIndexOf(')') + 2);
      if (last == 'T' || last == 'S') {
        return last;
      }
      Thread.sleep(10);
    }
    return last;
  }
}
