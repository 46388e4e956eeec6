package io.pdslab.harness.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.local.LocalIoHandler;
import io.netty.channel.nio.NioIoHandler;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EventLoopGuardTest {

  /** Runs {@code task} on a fresh event loop, armed, and returns what the guard found. */
  private static List<BlockingCall> onEventLoop(Runnable task) throws Exception {
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, LocalIoHandler.newFactory());
    EventLoopGuard.arm();
    try {
      group.submit(task).await(30, TimeUnit.SECONDS);
    } finally {
      group.shutdownGracefully(0, 100, TimeUnit.MILLISECONDS).sync();
    }
    return EventLoopGuard.disarm();
  }

  @Test
  void sleepOnAnEventLoopIsFoundWithItsStack() throws Exception {
    List<BlockingCall> found = onEventLoop(EventLoopGuardTest::nap);
    assertEquals(1, found.size(), found.toString());
    assertTrue(found.get(0).method().contains("sleep"), found.get(0).method());
    assertTrue(
        List.of(found.get(0).stack().getStackTrace()).stream()
            .anyMatch(f -> f.getMethodName().equals("nap")),
        "the stack leads to the caller");
  }

  @Test
  void waitingForALockHeldElsewhereIsFound() throws Exception {
    ReentrantLock lock = new ReentrantLock();
    lock.lock();
    try {
      List<BlockingCall> found =
          onEventLoop(
              () -> {
                try {
                  lock.tryLock(50, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              });
      assertFalse(found.isEmpty());
      assertTrue(found.get(0).method().contains("park"), found.get(0).method());
    } finally {
      lock.unlock();
    }
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void idleLoopsSchedulingAndOtherThreadsAreFine(boolean nio) throws Exception {
    EventLoopGroup group =
        new MultiThreadIoEventLoopGroup(
            1, nio ? NioIoHandler.newFactory() : LocalIoHandler.newFactory());
    EventLoopGuard.arm();
    try {
      // The loop goes idle (parks or selects) before the task is due.
      group.next().schedule(() -> "done", 50, TimeUnit.MILLISECONDS).get(30, TimeUnit.SECONDS);
      nap(); // the test's own thread may block
    } finally {
      group.shutdownGracefully(0, 100, TimeUnit.MILLISECONDS).sync();
    }
    assertEquals(List.of(), EventLoopGuard.disarm());
  }

  @Test
  void disarmedItLetsCallsThrough() throws InterruptedException, ExecutionException {
    EventLoopGuard.install();
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, LocalIoHandler.newFactory());
    try {
      group.submit(EventLoopGuardTest::nap).get();
    } finally {
      group.shutdownGracefully(0, 100, TimeUnit.MILLISECONDS).sync();
    }
    assertEquals(List.of(), EventLoopGuard.disarm());
  }

  private static void nap() {
    try {
      Thread.sleep(1);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
