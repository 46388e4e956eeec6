package io.pdslab.labs.concurrent.buggy;

import static org.junit.jupiter.api.Assertions.assertThrows;

import io.pdslab.labs.concurrent.LincheckSettings;
import io.pdslab.labs.concurrent.LockSpec;
import io.pdslab.labs.concurrent.QueueSpec;
import io.pdslab.labs.concurrent.SetSpec;
import io.pdslab.labs.concurrent.StackSpec;
import io.pdslab.labs.concurrent.given.ConcurrentQueue;
import io.pdslab.labs.concurrent.given.ConcurrentSet;
import io.pdslab.labs.concurrent.given.ConcurrentStack;
import java.util.concurrent.locks.Lock;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Each deliberately broken variant must fail Lincheck's model checker with the lab's settings: a
 * check that passes a known bug would be worthless. (Scenario minimisation is off: it only makes
 * the report prettier.)
 */
@Order(LincheckSettings.RUN_LAST)
class BuggyVariantsCaughtByLincheckTest {
  /** Lincheck operations on {@link TasWithoutAtomicity}. */
  public static class TasWithoutAtomicitySpec extends LockSpec {
    @Override
    protected Lock newLock() {
      return new TasWithoutAtomicity();
    }
  }

  /** Lincheck operations on {@link LossyStack}. */
  public static class LossyStackSpec extends StackSpec {
    @Override
    protected ConcurrentStack<Integer> newStack() {
      return new LossyStack<>();
    }
  }

  /** Lincheck operations on {@link QueueEnqueueWithoutCas}. */
  public static class QueueEnqueueWithoutCasSpec extends QueueSpec {
    @Override
    protected ConcurrentQueue<Integer> newQueue() {
      return new QueueEnqueueWithoutCas<>();
    }
  }

  /** Lincheck operations on {@link HashSetResizeWithoutAllLocks}. */
  public static class HashSetResizeWithoutAllLocksSpec extends SetSpec {
    @Override
    protected ConcurrentSet<Integer> newSet() {
      return new HashSetResizeWithoutAllLocks<>();
    }
  }

  /** Lincheck operations on {@link LazyListWithoutValidation}. */
  public static class LazyListWithoutValidationSpec extends SetSpec {
    @Override
    protected ConcurrentSet<Integer> newSet() {
      return new LazyListWithoutValidation();
    }
  }

  @Test
  void modelCheckingCatchesNonAtomicTestAndSet() {
    assertCaught(
        LincheckSettings.modelChecking().threads(2).actorsPerThread(2),
        LockSpec.Sequential.class,
        TasWithoutAtomicitySpec.class);
  }

  @Test
  void modelCheckingCatchesLossyStack() {
    assertCaught(
        LincheckSettings.modelChecking(), StackSpec.Sequential.class, LossyStackSpec.class);
  }

  @Test
  void modelCheckingCatchesQueueEnqueueWithoutCas() {
    assertCaught(
        LincheckSettings.modelChecking(),
        QueueSpec.Sequential.class,
        QueueEnqueueWithoutCasSpec.class);
  }

  @Test
  @Tag("slow") // about 30 s each: run with -Pthorough
  void modelCheckingCatchesResizeWithoutAllLocks() {
    assertCaught(
        LincheckSettings.modelChecking(),
        SetSpec.Sequential.class,
        HashSetResizeWithoutAllLocksSpec.class);
  }

  @Test
  @Tag("slow") // about 30 s each: run with -Pthorough
  void modelCheckingCatchesLazyListWithoutValidation() {
    assertCaught(
        LincheckSettings.modelChecking(),
        SetSpec.Sequential.class,
        LazyListWithoutValidationSpec.class);
  }

  /** Model checking {@code spec} against {@code sequential} must report a failure. */
  private static void assertCaught(
      ModelCheckingOptions options, Class<?> sequential, Class<?> spec) {
    assertThrows(
        AssertionError.class,
        () ->
            options.minimizeFailedScenario(false).sequentialSpecification(sequential).check(spec));
  }
}
