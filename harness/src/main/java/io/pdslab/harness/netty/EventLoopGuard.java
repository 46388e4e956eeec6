package io.pdslab.harness.netty;

import io.netty.util.concurrent.FastThreadLocalThread;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentLinkedQueue;
import net.bytebuddy.agent.ByteBuddyAgent;
import reactor.blockhound.BlockHound;
import reactor.blockhound.BlockingMethod;
import reactor.blockhound.BlockingOperationError;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * Finds blocking calls ({@code Thread.sleep}, lock and monitor waits, {@code join}, blocking file
 * and socket I/O) made on Netty event-loop threads, with <a
 * href="https://github.com/reactor/BlockHound">BlockHound</a> and Netty's own BlockHound
 * integration (which knows Netty's legitimate waits, e.g. the selector). While {@link #arm armed},
 * such a call throws a {@link BlockingOperationError} into the caller and is recorded, so that a
 * test fails even if the pipeline swallowed the error; while disarmed, it goes ahead unseen, so
 * only the tests that ask for the check can fail on it. Use it through {@link
 * NoBlockingInEventLoop}.
 *
 * <p>Installed once per JVM, on first use; it needs the JVM flag {@code
 * -XX:+AllowRedefinitionToAddDeleteMethods} (JDK 13 and later; the grader adds it when BlockHound
 * is on a lab's class path) and Byte Buddy's agent: given as {@code -javaagent} (the grader's child
 * JVM, where attaching is disabled), else attached at run time. Console output and Logback's
 * appenders may block: printing is not the bug this looks for.
 */
public final class EventLoopGuard {
  private static final String[] PRINT_METHODS = {
    "write", "print", "println", "printf", "format", "append", "flush"
  };
  private static final ConcurrentLinkedQueue<BlockingCall> FOUND = new ConcurrentLinkedQueue<>();
  private static volatile boolean armed;
  private static boolean installed;

  private EventLoopGuard() {}

  /**
   * Installs BlockHound in this JVM if it is not yet; throws with the fix if it cannot instrument
   * the JDK.
   */
  public static synchronized void install() {
    if (installed) {
      return;
    }
    BlockHound.Builder builder = BlockHound.builder();
    // Netty's integration only: BlockHound's own would replace System.out, the grader's channel.
    ServiceLoader.load(BlockHoundIntegration.class).stream()
        .filter(p -> p.type().getName().startsWith("io.netty."))
        .forEach(p -> builder.with(p.get()));
    // An idle local event loop parks here (this method does nothing else); Netty's integration
    // does not list it yet.
    builder.allowBlockingCallsInside("io.netty.channel.local.LocalIoHandler", "run");
    builder.allowBlockingCallsInside("ch.qos.logback.classic.Logger", "callAppenders");
    for (String method : PRINT_METHODS) {
      builder.allowBlockingCallsInside(PrintStream.class.getName(), method);
    }
    try {
      builder
          .nonBlockingThreadPredicate(p -> p.or(EventLoopGuard::isEventLoop))
          .blockingMethodCallback(EventLoopGuard::onBlockingCall)
          .with(ByteBuddyAgent.install())
          .install();
    } catch (RuntimeException | LinkageError e) {
      throw new IllegalStateException(
          "cannot install BlockHound to find blocking calls on event loops; on JDK 13 and later"
              + " the JVM needs -XX:+AllowRedefinitionToAddDeleteMethods: "
              + e,
          e);
    }
    installed = true;
  }

  /** Starts recording (and refusing) blocking calls on event loops; forgets earlier ones. */
  public static void arm() {
    install();
    FOUND.clear();
    armed = true;
  }

  /** Stops refusing blocking calls; returns those found since {@link #arm}, first first. */
  public static List<BlockingCall> disarm() {
    armed = false;
    List<BlockingCall> found = new ArrayList<>(FOUND);
    FOUND.clear();
    return found;
  }

  /** Netty's event-loop threads (its integration says the same; this holds without it too). */
  private static boolean isEventLoop(Thread t) {
    return t instanceof FastThreadLocalThread f && !f.permitBlockingCalls();
  }

  private static void onBlockingCall(BlockingMethod method) {
    if (!armed) {
      return;
    }
    BlockingOperationError error = new BlockingOperationError(method);
    FOUND.add(new BlockingCall(Thread.currentThread().getName(), method.toString(), error));
    throw error;
  }
}
