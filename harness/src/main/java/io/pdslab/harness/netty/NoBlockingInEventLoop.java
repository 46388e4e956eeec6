package io.pdslab.harness.netty;

import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit 5 extension ({@code @ExtendWith(NoBlockingInEventLoop.class)}) that fails a test in whose
 * run any Netty event-loop thread made a blocking call, with the stack of the first one. See {@link
 * EventLoopGuard} for what counts and what the JVM needs.
 */
public final class NoBlockingInEventLoop implements BeforeEachCallback, AfterEachCallback {

  @Override
  public void beforeEach(ExtensionContext context) {
    EventLoopGuard.arm();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    List<BlockingCall> found = EventLoopGuard.disarm();
    if (!found.isEmpty()) {
      BlockingCall first = found.get(0);
      AssertionError e =
          new AssertionError(
              found.size()
                  + " blocking call(s) on Netty event loops, the first: "
                  + first
                  + " (never block an event loop: schedule with ctx.executor().schedule,"
                  + " chain futures with listeners)",
              first.stack());
      throw e;
    }
  }
}
