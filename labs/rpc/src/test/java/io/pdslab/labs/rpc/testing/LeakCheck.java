package io.pdslab.labs.rpc.testing;

import static org.junit.jupiter.api.Assertions.fail;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/**
 * Fails a test that leaks a Netty buffer, two ways: {@link #allocator()} counts the bytes of every
 * buffer it handed out and not released (exact, no GC involved), and, in classes annotated {@link
 * Paranoid}, Netty's leak detector runs at {@code PARANOID} with any {@code LEAK:} report failing
 * the test (what Netty's own build does; it records every buffer access, too slow for long
 * simulations). Tests give {@link #allocator()} to their channels and call {@link
 * #assertReleased()} once every channel is closed. Only part A's tests check for leaks, so that a
 * leaking codec loses points in part A only.
 */
public final class LeakCheck
    implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

  /** Runs the class at {@code PARANOID} leak detection. */
  @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
  @java.lang.annotation.Target(java.lang.annotation.ElementType.TYPE)
  public @interface Paranoid {}

  private static final List<String> REPORTS = new ArrayList<>();
  private static final String LEAK_LOGGER = ResourceLeakDetector.class.getName();
  private static volatile UnpooledByteBufAllocator allocator = newAllocator();

  static {
    Logger logger = (Logger) LoggerFactory.getLogger(LEAK_LOGGER);
    AppenderBase<ILoggingEvent> appender =
        new AppenderBase<>() {
          @Override
          protected void append(ILoggingEvent event) {
            if (event.getFormattedMessage().contains("LEAK:")) {
              synchronized (REPORTS) {
                REPORTS.add(event.getFormattedMessage());
              }
            }
          }
        };
    appender.start();
    logger.addAppender(appender);
  }

  /** The counting allocator of the current test. */
  public static ByteBufAllocator allocator() {
    return allocator;
  }

  /** Bytes handed out by {@link #allocator()} and not released yet. */
  public static long unreleasedBytes() {
    return allocator.metric().usedHeapMemory() + allocator.metric().usedDirectMemory();
  }

  /** Fails if a buffer of {@link #allocator()} was not released. */
  public static void assertReleased() {
    long left = unreleasedBytes();
    if (left != 0) {
      fail("leak: " + left + " bytes of buffers were never released");
    }
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    if (paranoid(context)) {
      ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.SIMPLE);
  }

  private static boolean paranoid(ExtensionContext context) {
    return context.getRequiredTestClass().isAnnotationPresent(Paranoid.class);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    allocator = newAllocator();
    synchronized (REPORTS) {
      REPORTS.clear();
    }
  }

  @Override
  public void afterEach(ExtensionContext context) throws InterruptedException {
    if (!paranoid(context)) {
      return;
    }
    // The detector reports a leaked buffer once it is garbage and another buffer is tracked.
    for (int round = 0; round < 3; round++) {
      System.gc();
      Thread.sleep(20);
      for (int i = 0; i < 8; i++) {
        ByteBuf probe = ByteBufAllocator.DEFAULT.buffer(8);
        probe.release();
      }
    }
    synchronized (REPORTS) {
      if (!REPORTS.isEmpty()) {
        fail("Netty reported " + REPORTS.size() + " leak(s):\n" + REPORTS.get(0));
      }
    }
  }

  private static UnpooledByteBufAllocator newAllocator() {
    return new UnpooledByteBufAllocator(false, false);
  }
}
