package io.pdslab.grader.run;

import io.pdslab.harness.testrun.TestId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.function.IntFunction;

/** Spreads test methods over several child JVMs, keeping each test class in one JVM. */
public final class ParallelRun {
  private ParallelRun() {}

  /**
   * Runs {@code ids} in up to {@code jobs} child JVMs; {@code specOf} gives worker {@code i}'s spec
   * (its own work folder). Results come back in the order of {@code ids}.
   */
  public static TestExecutor.Outcome run(
      List<TestId> ids, int jobs, IntFunction<RunSpec> specOf, TestExecutor.Listener listener) {
    Map<String, List<TestId>> byClass = new LinkedHashMap<>();
    for (TestId id : ids) {
      byClass.computeIfAbsent(id.className(), k -> new ArrayList<>()).add(id);
    }
    int workers = Math.max(1, Math.min(jobs, byClass.size()));
    List<List<TestId>> shares = new ArrayList<>();
    for (int i = 0; i < workers; i++) {
      shares.add(new ArrayList<>());
    }
    int next = 0;
    for (List<TestId> cls : byClass.values()) {
      shares.get(next++ % workers).addAll(cls);
    }
    TestExecutor.Listener synced =
        (id, inv) -> {
          synchronized (listener) {
            listener.finished(id, inv);
          }
        };
    List<TestExecutor.Outcome> outcomes =
        map(
            java.util.stream.IntStream.range(0, workers).boxed().toList(),
            workers,
            w -> TestExecutor.run(specOf.apply(w), shares.get(w), synced));
    Map<TestId, MethodResult> all = new LinkedHashMap<>();
    StringBuilder output = new StringBuilder();
    for (TestExecutor.Outcome o : outcomes) {
      all.putAll(o.results());
      output.append(o.output());
    }
    Map<TestId, MethodResult> ordered = new LinkedHashMap<>();
    ids.forEach(id -> ordered.put(id, all.get(id)));
    return new TestExecutor.Outcome(ordered, output.toString());
  }

  /**
   * Applies {@code work} to every item on up to {@code jobs} threads; results come back in the
   * order of {@code items}. The first failure is rethrown (unchecked) and the rest are cancelled.
   */
  public static <T, R> List<R> map(List<T> items, int jobs, Function<T, R> work) {
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(jobs, items.size())));
    try {
      List<Future<R>> futures = new ArrayList<>();
      for (T item : items) {
        futures.add(pool.submit(() -> work.apply(item)));
      }
      List<R> out = new ArrayList<>();
      for (Future<R> f : futures) {
        out.add(f.get());
      }
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }
}
