package io.pdslab.labs.concurrent.locks;

import io.pdslab.labs.concurrent.LincheckSettings;
import io.pdslab.labs.concurrent.LockSpec;
import java.util.concurrent.locks.Lock;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Mutual exclusion of every lock by Lincheck's model checker: a guarded counter never races. */
@Order(LincheckSettings.RUN_LAST)
class LockLincheckTest {
  /** Counter guarded by a {@link TasLock}. */
  public static class Tas extends LockSpec {
    @Override
    protected Lock newLock() {
      return new TasLock();
    }
  }

  /** Counter guarded by a {@link TtasLock}. */
  public static class Ttas extends LockSpec {
    @Override
    protected Lock newLock() {
      return new TtasLock();
    }
  }

  /** Counter guarded by a {@link BackoffLock}. */
  public static class Backoff extends LockSpec {
    @Override
    protected Lock newLock() {
      return new BackoffLock();
    }
  }

  /** Counter guarded by a {@link ClhLock}. */
  public static class Clh extends LockSpec {
    @Override
    protected Lock newLock() {
      return new ClhLock();
    }
  }

  /** Counter guarded by a {@link McsLock}. */
  public static class Mcs extends LockSpec {
    @Override
    protected Lock newLock() {
      return new McsLock();
    }
  }

  /**
   * Two threads suffice to break mutual exclusion, and spin loops make every explored interleaving
   * expensive, so the scenarios are small. Real-thread stress is in {@link LockTest}.
   */
  @ParameterizedTest
  @ValueSource(classes = {Tas.class, Ttas.class, Backoff.class, Clh.class, Mcs.class})
  void modelChecking(Class<?> spec) {
    LincheckSettings.modelChecking()
        .threads(2)
        .actorsPerThread(2)
        .actorsBefore(1)
        .actorsAfter(0)
        .sequentialSpecification(LockSpec.Sequential.class)
        .check(spec);
  }
}
