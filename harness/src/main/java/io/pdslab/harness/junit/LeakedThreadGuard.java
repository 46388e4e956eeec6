package io.pdslab.harness.junit;

import io.pdslab.harness.perf.Workers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Catches threads that a test started and left running the lab's code, whoever started them: a
 * backstop for threads that are not {@link Workers} (which stop their own) and that their starter
 * did not stop. (Lincheck 3.7 does end them: after its stress mode reported "the execution has
 * hung" on a livelocked skip list, no thread was left in the list's code.) After each test, every
 * thread that did not exist before it, is still alive, has a frame of the lab's code on its stack
 * and burns CPU is stopped with {@link Workers#stop}: interrupted, and if it ignores that, the JVM
 * is marked poisoned and {@link PoisonedJvmGuard} keeps later tests, of any part, out of it.
 *
 * <p>The lab's code is the package {@code io.pdslab.labs.<lab>} of the test class (the test class's
 * own package outside {@code io.pdslab.labs}). A thread parked for good costs nothing and is left
 * alone. Registered with {@link PoisonedJvmGuard} by JUnit's extension autodetection.
 */
public final class LeakedThreadGuard implements BeforeEachCallback, AfterEachCallback {
  /** How long a suspect thread is watched for CPU use. */
  static final Duration CPU_WINDOW = Duration.ofMillis(200);

  private static final Logger LOG = LoggerFactory.getLogger(LeakedThreadGuard.class);
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(LeakedThreadGuard.class);
  private static final String LABS = "io.pdslab.labs.";
  private static final String BEFORE = "threads-before";

  @Override
  public void beforeEach(ExtensionContext context) {
    context.getStore(NAMESPACE).put(BEFORE, Set.copyOf(Thread.getAllStackTraces().keySet()));
  }

  @Override
  public void afterEach(ExtensionContext context) {
    @SuppressWarnings("unchecked")
    Set<Thread> before = context.getStore(NAMESPACE).get(BEFORE, Set.class);
    if (before == null) {
      return;
    }
    List<Thread> leaked =
        spinning(
            suspects(before, codePackage(context.getRequiredTestClass().getPackageName())),
            CPU_WINDOW);
    if (leaked.isEmpty()) {
      return;
    }
    String left = Workers.stop(context.getDisplayName(), leaked);
    LOG.error(
        "{} left {} thread(s) running the lab's code{}",
        context.getDisplayName(),
        leaked.size(),
        left.isEmpty() ? "; they ended when interrupted" : left);
  }

  /** The package prefix of the code that tests in {@code testPackage} test: their lab's package. */
  static String codePackage(String testPackage) {
    String pkg = testPackage + ".";
    if (!pkg.startsWith(LABS)) {
      return pkg;
    }
    int end = pkg.indexOf('.', LABS.length());
    return pkg.substring(0, end + 1);
  }

  /**
   * Live threads, other than the caller, not in {@code before}, with a frame of a class under
   * {@code codePackage} on their stack.
   */
  static List<Thread> suspects(Set<Thread> before, String codePackage) {
    List<Thread> out = new ArrayList<>();
    for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
      Thread t = e.getKey();
      if (t == Thread.currentThread() || before.contains(t) || !t.isAlive()) {
        continue;
      }
      for (StackTraceElement frame : e.getValue()) {
        if (frame.getClassName().startsWith(codePackage)) {
          out.add(t);
          break;
        }
      }
    }
    return out;
  }

  /**
   * The threads among {@code threads} that use CPU during {@code window}, or all that are runnable
   * at its end if this JVM cannot measure thread CPU time.
   */
  static List<Thread> spinning(List<Thread> threads, Duration window) {
    if (threads.isEmpty()) {
      return threads;
    }
    Map<Thread, Long> cpuBefore = new HashMap<>();
    threads.forEach(t -> cpuBefore.put(t, Workers.cpuTimeNanos(t)));
    try {
      TimeUnit.MILLISECONDS.sleep(window.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    List<Thread> out = new ArrayList<>();
    for (Thread t : threads) {
      long was = cpuBefore.get(t);
      long now = Workers.cpuTimeNanos(t);
      boolean busy =
          was < 0 || now < 0 ? t.getState() == Thread.State.RUNNABLE : now > was && t.isAlive();
      if (busy && t.isAlive()) {
        out.add(t);
      }
    }
    return out;
  }
}
