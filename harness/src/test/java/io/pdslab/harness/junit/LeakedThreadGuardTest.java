package io.pdslab.harness.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.Timer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

class LeakedThreadGuardTest {
  private volatile boolean stop;

  @Test
  void theLabsPackageIsTheCodeUnderTest() {
    assertEquals(
        "io.pdslab.labs.concurrent.",
        LeakedThreadGuard.codePackage("io.pdslab.labs.concurrent.skiplist"));
    assertEquals("io.pdslab.labs.raft.", LeakedThreadGuard.codePackage("io.pdslab.labs.raft"));
    assertEquals(
        "io.pdslab.harness.junit.", LeakedThreadGuard.codePackage("io.pdslab.harness.junit"));
  }

  @Test
  void onlyANewThreadThatSpinsInTheCodeUnderTestIsLeaked() throws InterruptedException {
    Thread older = start("older", this::spin);
    Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());
    Thread spinner = start("spinner", this::spin);
    Thread parked = start("parked", this::park);
    Timer elsewhere = new Timer("elsewhere", true); // a thread that runs only the JDK's code
    try {
      List<Thread> suspects = LeakedThreadGuard.suspects(before, "io.pdslab.harness.junit.");
      assertEquals(
          Set.of(spinner, parked),
          Set.copyOf(suspects),
          "a new thread with a frame of the code under test is a suspect");
      assertEquals(
          List.of(spinner),
          LeakedThreadGuard.spinning(suspects, Duration.ofMillis(200)),
          "of those, only the one that burns CPU counts");
    } finally {
      stop = true;
      elsewhere.cancel();
      for (Thread t : List.of(older, spinner, parked)) {
        LockSupport.unpark(t);
        t.interrupt();
        t.join();
      }
    }
  }

  /** Starts a daemon thread and returns once it runs {@code body}, so its stack shows the body. */
  private static Thread start(String name, Runnable body) throws InterruptedException {
    CountDownLatch running = new CountDownLatch(1);
    Thread t =
        new Thread(
            () -> {
              running.countDown();
              body.run();
            },
            name);
    t.setDaemon(true);
    t.start();
    running.await();
    return t;
  }

  private void spin() {
    long n = 0;
    while (!stop) {
      n++;
    }
    LockSupport.parkNanos(n & 1);
  }

  private void park() {
    while (!stop) {
      LockSupport.park();
    }
  }
}
