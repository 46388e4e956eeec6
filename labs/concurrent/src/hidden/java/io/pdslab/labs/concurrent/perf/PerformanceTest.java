package io.pdslab.labs.concurrent.perf;

import io.pdslab.harness.perf.PerfComparison;
import io.pdslab.harness.perf.PerfComparison.Trial;
import io.pdslab.labs.concurrent.given.ConcurrentQueue;
import io.pdslab.labs.concurrent.given.ConcurrentSet;
import io.pdslab.labs.concurrent.given.ConcurrentStack;
import io.pdslab.labs.concurrent.hashset.StripedHashSet;
import io.pdslab.labs.concurrent.locks.BackoffLock;
import io.pdslab.labs.concurrent.locks.McsLock;
import io.pdslab.labs.concurrent.locks.TtasLock;
import io.pdslab.labs.concurrent.queue.MichaelScottQueue;
import io.pdslab.labs.concurrent.skiplist.LockFreeSkipList;
import io.pdslab.labs.concurrent.stack.TreiberStack;
import java.util.SplittableRandom;
import java.util.concurrent.locks.Lock;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

/**
 * Throughput on as many threads as the grading machine has cores (at least 2), one check per
 * structure family. The grader runs this class on the submission and on the reference in two JVMs
 * that take turns round by round, and scores the median ratio of paired rounds; each trial also
 * checks its result, so a fast but wrong implementation fails instead of scoring.
 */
@Tag("performance")
class PerformanceTest {
  static final int THREADS = PerfComparison.fittingThreads();

  /**
   * Reads of the lock word in each critical section of the spin-lock checks (through {@code
   * tryLock}, which must fail: the lock is held). A waiter that spins on reads leaves the line
   * shared and the holder's reads hit its cache; one that spins on {@code getAndSet} takes the line
   * away again and again, so the holder's reads miss: the coherence traffic a TTAS exists to avoid.
   */
  static final int PROBES = 64;

  private static PerfComparison comparison(String name, int opsPerThread) {
    return PerfComparison.builder(name)
        .threads(THREADS)
        .opsPerThread(opsPerThread)
        .warmupRounds(5)
        .rounds(15)
        .build();
  }

  @Test
  void ttasLock(TestReporter reporter) {
    comparison("ttas lock", 20_000)
        .measure(() -> lockTrial(new TtasLock(), PROBES))
        .publish(reporter);
  }

  @Test
  void backoffLock(TestReporter reporter) {
    comparison("backoff lock", 100_000)
        .measure(() -> lockTrial(new BackoffLock(), 0))
        .publish(reporter);
  }

  @Test
  void mcsLock(TestReporter reporter) {
    comparison("mcs lock", 50_000).measure(() -> lockTrial(new McsLock(), 0)).publish(reporter);
  }

  @Test
  void treiberStack(TestReporter reporter) {
    comparison("treiber stack", 200_000)
        .measure(() -> stackTrial(new TreiberStack<>()))
        .publish(reporter);
  }

  @Test
  void michaelScottQueue(TestReporter reporter) {
    comparison("michael-scott queue", 200_000)
        .measure(() -> queueTrial(new MichaelScottQueue<>()))
        .publish(reporter);
  }

  @Test
  void stripedHashSet(TestReporter reporter) {
    comparison("striped hash set", 1_000_000)
        .measure(() -> setTrial(new StripedHashSet<>()))
        .publish(reporter);
  }

  @Test
  void lockFreeSkipList(TestReporter reporter) {
    comparison("lock-free skip list", 50_000)
        .measure(() -> setTrial(new LockFreeSkipList<>()))
        .publish(reporter);
  }

  /**
   * Short critical sections on a shared counter, each also trying the held lock {@code probes}
   * times; the count must be exact and no probe may take the held lock.
   */
  private static Trial lockTrial(Lock lock, int probes) {
    long[] counter = {0};
    return (thread, ops) -> {
      for (int i = 0; i < ops; i++) {
        lock.lock();
        try {
          for (int p = 0; p < probes; p++) {
            if (lock.tryLock()) {
              throw new AssertionError("tryLock took a lock that was held");
            }
          }
          counter[0]++;
        } finally {
          lock.unlock();
        }
      }
      lock.lock();
      try {
        if (counter[0] > (long) THREADS * ops) {
          throw new AssertionError("more increments than operations: lock is broken");
        }
      } finally {
        lock.unlock();
      }
    };
  }

  /** Push/pop pairs: every pop right after a push must find an item. */
  private static Trial stackTrial(ConcurrentStack<Integer> stack) {
    return (thread, ops) -> {
      for (int i = 0; i < ops / 2; i++) {
        stack.push(i);
        if (stack.pop() == null) {
          throw new AssertionError("pop after push found the stack empty");
        }
      }
    };
  }

  /** Enqueue/dequeue pairs: every dequeue right after an enqueue must find an item. */
  private static Trial queueTrial(ConcurrentQueue<Integer> queue) {
    return (thread, ops) -> {
      for (int i = 0; i < ops / 2; i++) {
        queue.enq(i);
        if (queue.deq() == null) {
          throw new AssertionError("deq after enq found the queue empty");
        }
      }
    };
  }

  /**
   * 80% contains, 10% add, 10% remove over 4096 keys, prefilled with half of them; a key a thread
   * owns (key % THREADS == thread) must behave exactly like a sequential set.
   */
  private static Trial setTrial(ConcurrentSet<Integer> set) {
    int keys = 4096;
    for (int k = 0; k < keys; k += 2) {
      set.add(k);
    }
    return (thread, ops) -> {
      SplittableRandom random = new SplittableRandom(thread + 1);
      for (int i = 0; i < ops; i++) {
        int key = random.nextInt(keys / THREADS) * THREADS + thread;
        int op = random.nextInt(10);
        if (op == 0) {
          boolean before = set.contains(key);
          if (set.add(key) == before) {
            throw new AssertionError("add(" + key + ") disagrees with contains");
          }
        } else if (op == 1) {
          boolean before = set.contains(key);
          if (set.remove(key) != before) {
            throw new AssertionError("remove(" + key + ") disagrees with contains");
          }
        } else {
          set.contains(key);
        }
      }
    };
  }
}
