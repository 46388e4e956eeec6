package io.pdslab.labs.concurrent.locks;

import io.pdslab.harness.junit.SimulationTest;
import io.pdslab.labs.concurrent.LincheckSettings;
import io.pdslab.labs.concurrent.LockSpec;
import io.pdslab.labs.concurrent.Scenario;
import java.util.concurrent.locks.Lock;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.junit.jupiter.api.Order;

/**
 * Mutual exclusion of every lock by Lincheck's model checker: a guarded counter never races. One
 * test per lock, so that a bug in one lock costs only that lock's points.
 */
@Order(LincheckSettings.RUN_LAST)
public class LockLincheckTest {
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

  @SimulationTest
  void tas(long seed) {
    check(Tas.class, seed);
  }

  @SimulationTest
  void ttas(long seed) {
    check(Ttas.class, seed);
  }

  @SimulationTest
  void backoff(long seed) {
    check(Backoff.class, seed);
  }

  @SimulationTest
  void clh(long seed) {
    check(Clh.class, seed);
  }

  @SimulationTest
  void mcs(long seed) {
    check(Mcs.class, seed);
  }

  /**
   * Random scenarios, then the targeted one. Two threads suffice to break mutual exclusion, and
   * spin loops make every explored interleaving expensive, so the scenarios are small. Real-thread
   * stress is in {@link LockContract}.
   */
  public static void check(Class<? extends LockSpec> spec, long seed) {
    LincheckSettings.modelChecking(seed)
        .threads(2)
        .actorsPerThread(2)
        .actorsBefore(1)
        .actorsAfter(0)
        .sequentialSpecification(LockSpec.Sequential.class)
        .check(spec);
    tryLockDuringHandoffs(spec).check(spec);
  }

  /**
   * A {@code tryLock} that looks at the queue, is preempted while another thread releases and
   * re-acquires, and then commits. A lock that recycles queue nodes (the book's CLH) can see the
   * same tail node again, locked this time, and its compare-and-set succeeds on it (ABA): two
   * threads inside. Random scenarios rarely line this up.
   */
  static ModelCheckingOptions tryLockDuringHandoffs(Class<? extends LockSpec> spec) {
    return LincheckSettings.targeted(
            Scenario.of(spec).thread("tryEnter()").thread("increment()", "increment()"))
        .sequentialSpecification(LockSpec.Sequential.class);
  }
}
