package io.pdslab.grader.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pdslab.grader.run.TimeBudget.Clocks;
import io.pdslab.grader.run.TimeBudget.Verdict;
import org.junit.jupiter.api.Test;

/** The per-test limit counts CPU time; the wall clock only tells a stuck test from a busy host. */
class TimeBudgetTest {
  /** A 10 s budget started at 0 (wall, CPU and CPU-pressure clocks in ms). */
  final TimeBudget budget = new TimeBudget(10_000, new Clocks(0, 0, 0, -1));

  @Test
  void anEndlessLoopIsStoppedByItsCpuTime() {
    assertEquals(Verdict.WITHIN, budget.check(new Clocks(9_000, 9_000, 0, -1)));
    assertEquals(Verdict.CPU_EXCEEDED, budget.check(new Clocks(10_100, 10_001, 0, -1)));
  }

  @Test
  void aBusyMachineSlowsATestWithoutFailingIt() {
    // 40 s of wall time but 3 s of CPU, with tasks waiting for a CPU 90 % of the time
    assertEquals(Verdict.WITHIN, budget.check(new Clocks(40_000, 3_000, 36_000, -1)));
  }

  @Test
  void onlyTheDistantBackstopStopsItAndBlamesTheMachine() {
    long backstop = 10_000L * TimeBudget.BACKSTOP_FACTOR;
    assertEquals(Verdict.OVERLOADED, budget.check(new Clocks(backstop + 1, 3_000, backstop, -1)));
  }

  @Test
  void aTestThatWaitsOnAnIdleMachineFailsAtItsLimit() {
    assertEquals(Verdict.WITHIN, budget.check(new Clocks(9_999, 50, 100, -1)));
    assertEquals(Verdict.STUCK, budget.check(new Clocks(10_001, 50, 100, -1)));
  }

  @Test
  void aChildThatHardlyWaitedForACpuIsStuckHoweverBusyTheMachine() {
    TimeBudget own = new TimeBudget(10_000, new Clocks(0, 0, 0, 0));
    // the machine was busy (90 % pressure) but the child's threads waited 0.5 s in 10 s: blocked
    assertEquals(Verdict.STUCK, own.check(new Clocks(10_001, 50, 9_000, 500)));
    // its threads waited 6 s in 10 s: the machine starved it, so it may run on
    assertEquals(Verdict.WITHIN, own.check(new Clocks(10_001, 3_000, 9_000, 6_000)));
  }

  @Test
  void aChildThatComputedMostOfTheTimeRunsOnToItsCpuLimit() {
    TimeBudget own = new TimeBudget(10_000, new Clocks(0, 0, 0, 0));
    // a busy loop that started 0.2 s into the test: 9.8 s of CPU time in 10 s, never waiting
    assertEquals(Verdict.WITHIN, own.check(new Clocks(10_001, 9_800, 0, 0)));
    assertEquals(Verdict.CPU_EXCEEDED, own.check(new Clocks(10_300, 10_001, 0, 0)));
  }

  @Test
  void timeTheChildCouldNotRunIsNotCountedAsWaiting() {
    TimeBudget own = new TimeBudget(10_000, new Clocks(0, 0, 0, 0, 1_000));
    // 15 s of wall time, 10 s of it stopped by a signal from outside: 5 s in which it could run
    assertEquals(Verdict.WITHIN, own.check(new Clocks(15_000, 50, 0, 0, 11_000)));
    // only 2 s of those 15 stopped: 13 s in which it could run and did not compute
    assertEquals(Verdict.STUCK, own.check(new Clocks(15_000, 50, 0, 0, 3_000)));
    // frozen for good: the backstop still ends it, blaming the machine
    long backstop = 10_000L * TimeBudget.BACKSTOP_FACTOR;
    assertEquals(Verdict.OVERLOADED, own.check(new Clocks(backstop + 1, 50, 0, 0, backstop)));
  }

  @Test
  void withoutCpuTimeTheWallClockDecides() {
    TimeBudget noProc = new TimeBudget(10_000, new Clocks(0, -1, -1, -1));
    assertEquals(Verdict.WITHIN, noProc.check(new Clocks(9_999, -1, -1, -1)));
    assertEquals(Verdict.STUCK, noProc.check(new Clocks(10_001, -1, -1, -1)));
  }
}
