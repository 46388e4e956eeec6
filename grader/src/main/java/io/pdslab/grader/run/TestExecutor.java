package io.pdslab.grader.run;

import com.fasterxml.jackson.databind.JsonNode;
import io.pdslab.grader.runner.ChildEvent;
import io.pdslab.grader.runner.ChildEvent.Field;
import io.pdslab.harness.testrun.TestId;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs test methods in child JVMs and decides each one's outcome from what it observes. A test
 * whose result never arrives fails; a child that crashes, exits, hangs or breaks a limit is killed
 * with its whole process tree, the test in progress fails with the reason, and a new child runs the
 * tests not yet run — so one hostile test costs only its own points.
 */
public final class TestExecutor {
  private static final Logger LOG = LoggerFactory.getLogger(TestExecutor.class);
  private static final Pattern SEED = Pattern.compile("seed=(-?\\d+)");
  private static final int EXIT_OUT_OF_MEMORY = 3;

  /** Told about each test execution as it finishes (for progress output). */
  @FunctionalInterface
  public interface Listener {
    /** One execution of {@code id} finished. */
    void finished(TestId id, Invocation invocation);

    /**
     * A child JVM was started for the run ({@code child} is the process the grader started: in the
     * sandbox, its bubblewrap wrapper). A run may start several, one after the other.
     */
    default void childStarted(ProcessHandle child) {}
  }

  /** What a run produced: one result per expected test, in order, and the child's output. */
  public record Outcome(Map<TestId, MethodResult> results, String output) {}

  private TestExecutor() {}

  /**
   * Lists the test methods the selector lines select, without running them. Lines are {@code class
   * C} or {@code root DIR}.
   */
  public static List<TestId> discover(RunSpec spec, List<String> selectorLines) {
    List<TestId> found = new ArrayList<>();
    Session s =
        new Session(spec, ChildEvent.Mode.DISCOVER, selectorLines, Set.of(), (id, inv) -> {}, null);
    s.run(found, new RunTotal(spec));
    if (!s.clean) {
      throw new IllegalStateException(
          "test discovery failed: " + s.failureReason() + "\n" + s.jvm.output());
    }
    return found;
  }

  /**
   * Runs every expected test method and returns their results in the given order. A test killed
   * because the machine was too busy to run it ({@link MethodResult#overloaded()}) is not failed
   * but marked for regrading.
   */
  public static Outcome run(RunSpec spec, List<TestId> expected, Listener listener) {
    return runApart(spec, List.of(expected), listener);
  }

  /**
   * Runs each group of test methods in child JVMs of its own, one group after the other, under one
   * total time budget; results come back in the order of the groups. Nothing a group's code saw can
   * reach a later group's failure messages through the JVM (a static field, a thread): the grader
   * runs hidden tests in a group after the public ones, so their data never shows in a report.
   */
  public static Outcome runApart(RunSpec spec, List<List<TestId>> groups, Listener listener) {
    Map<TestId, MethodResult> results = new LinkedHashMap<>();
    groups.forEach(g -> g.forEach(id -> results.put(id, new MethodResult(id))));
    Map<String, String> classFailures = new LinkedHashMap<>();
    StringBuilder output = new StringBuilder();
    RunTotal total = new RunTotal(spec);
    for (List<TestId> group : groups) {
      runGroup(spec, group, listener, results, classFailures, output, total);
    }
    return new Outcome(results, output.toString());
  }

  private static void runGroup(
      RunSpec spec,
      List<TestId> group,
      Listener listener,
      Map<TestId, MethodResult> results,
      Map<String, String> classFailures,
      StringBuilder output,
      RunTotal total) {
    Set<TestId> remaining = new LinkedHashSet<>(group);
    while (!remaining.isEmpty()) {
      Watchdog.Stop over = total.stopBeforeNextChild();
      if (over != null) {
        for (TestId id : remaining) {
          if (over.overloaded()) {
            results.get(id).markOverloaded(over.reason());
          } else {
            results.get(id).addProblem("not run: " + over.reason());
          }
        }
        break;
      }
      List<String> lines =
          remaining.stream().map(id -> "method " + id.className() + " " + id.method()).toList();
      Session s = new Session(spec, ChildEvent.Mode.RUN, lines, remaining, listener, results);
      s.run(null, total);
      classFailures.putAll(s.classFailures);
      String out = s.jvm.output();
      if (!out.isBlank()) {
        output.append(out);
      }
      remaining.removeAll(s.touched);
      if (s.clean) {
        for (TestId id : remaining) {
          String cls = id.className();
          results
              .get(id)
              .addProblem(
                  classFailures.containsKey(cls)
                      ? "test class failed: " + classFailures.get(cls)
                      : "no result reported");
        }
        break;
      }
      String reason = s.failureReason();
      LOG.info("test JVM stopped: {}", reason);
      if (s.currentId != null && results.containsKey(s.currentId)) {
        MethodResult r = results.get(s.currentId);
        if (s.stop != null && s.stop.overloaded()) {
          r.markOverloaded(reason);
        } else {
          Invocation failed = new Invocation(s.currentName, seedOf(s.currentName), false, reason);
          r.addInvocation(failed);
          listener.finished(s.currentId, failed);
        }
        remaining.remove(s.currentId);
      } else if (s.touched.isEmpty() && (s.stop == null || !s.stop.total())) {
        // It died before any test: rerunning would loop. Everything left fails with the reason.
        for (TestId id : remaining) {
          if (s.stop != null && s.stop.overloaded()) {
            results.get(id).markOverloaded(reason);
          } else {
            results.get(id).addProblem("the test JVM failed before this test: " + reason);
          }
        }
        break;
      }
    }
  }

  /** The whole run's time budget, over every child it starts. */
  private static final class RunTotal implements Watchdog.Total {
    private final TimeBudget budget;
    private long cpuMsBefore;
    private long pausedMsBefore;
    private Watchdog.Stop stopped;

    RunTotal(RunSpec spec) {
      this.budget = new TimeBudget(spec.totalTimeout().toMillis(), TimeBudget.Clocks.now(0, -1, 0));
    }

    @Override
    public TimeBudget budget() {
      return budget;
    }

    @Override
    public long cpuMsBefore() {
      return cpuMsBefore;
    }

    @Override
    public long pausedMsBefore() {
      return pausedMsBefore;
    }

    void childEnded(long cpuMs, long pausedMs, Watchdog.Stop stop) {
      cpuMsBefore += Math.max(0, cpuMs);
      pausedMsBefore += pausedMs;
      if (stop != null && stop.total()) {
        stopped = stop;
      }
    }

    /** Why no further child may start (the total budget is spent), or null. */
    Watchdog.Stop stopBeforeNextChild() {
      if (stopped != null) {
        return stopped;
      }
      TimeBudget.Clocks now = TimeBudget.Clocks.now(cpuMsBefore, -1, pausedMsBefore);
      return switch (budget.check(now)) {
        case WITHIN -> null;
        case OVERLOADED ->
            new Watchdog.Stop("the grading machine was overloaded; regrade", true, true);
        default ->
            new Watchdog.Stop(
                "total time limit of " + budget.limitMs() / 1000 + " s exceeded", false, true);
      };
    }
  }

  static Long seedOf(String displayName) {
    if (displayName == null) {
      return null;
    }
    Matcher m = SEED.matcher(displayName);
    return m.find() ? Long.valueOf(m.group(1)) : null;
  }

  /** One child JVM from start to exit. */
  private static final class Session implements Watchdog.Progress {
    final RunSpec spec;
    final ChildJvm jvm;
    final Set<TestId> expected;
    final Listener listener;
    final Map<TestId, MethodResult> results;
    final Set<TestId> touched = new LinkedHashSet<>();
    final Map<String, String> classFailures = new LinkedHashMap<>();
    volatile long currentStart = -1;
    volatile long lastEvent = System.currentTimeMillis();
    volatile String killReason;
    volatile Watchdog.Stop stop;
    final long diskBase;

    /** Set once a finished test was charged with a broken limit: later starts are not blamed. */
    boolean charged;

    TestId currentId;
    String currentUid;
    String currentName;
    boolean clean;
    int exitCode;

    Session(
        RunSpec spec,
        ChildEvent.Mode mode,
        List<String> lines,
        Set<TestId> expected,
        Listener listener,
        Map<TestId, MethodResult> results) {
      this.spec = spec;
      this.expected = Set.copyOf(expected);
      this.listener = listener;
      this.results = results;
      this.diskBase = Watchdog.diskBytes(spec, 0);
      this.jvm = ChildJvm.start(spec, mode, lines);
      listener.childStarted(jvm.process().toHandle());
    }

    @Override
    public long diskBaseBytes() {
      return diskBase;
    }

    @Override
    public long currentStartMillis() {
      return currentStart;
    }

    @Override
    public long lastEventMillis() {
      return lastEvent;
    }

    synchronized void kill(String reason) {
      if (killReason == null) {
        killReason = reason;
      }
      jvm.killTree();
    }

    synchronized void stop(Watchdog.Stop s) {
      if (killReason == null) {
        stop = s;
      }
      kill(s.reason());
    }

    void run(List<TestId> found, RunTotal total) {
      Watchdog dog = new Watchdog(jvm, spec, total, this, this::stop);
      try (dog) {
        ChannelReader reader = new ChannelReader(jvm.events(), jvm.key());
        for (JsonNode e; (e = reader.next()) != null; ) {
          lastEvent = System.currentTimeMillis();
          handle(e, found);
        }
      } catch (ChannelReader.TamperedException e) {
        kill("the tested code wrote " + e.getMessage());
        clean = false;
      } catch (IOException e) {
        kill("lost the result channel: " + e.getMessage());
        clean = false;
      }
      try {
        exitCode = jvm.process().waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        kill("interrupted");
      }
      jvm.cleanUp();
      total.childEnded(dog.cpuMs(), dog.pausedMs(), stop);
      if (killReason != null) {
        clean = false;
      }
    }

    /**
     * Checks the resource limits (disk quota, threads, processes, memory) as soon as test {@code
     * id} reports its end, so that what it left behind is charged to it: the watchdog's periodic
     * check may only run once the child is in the next test. The next test, already started in the
     * child, is not blamed; it runs again in a fresh child.
     */
    private void chargeLimits(TestId id) {
      if (charged) {
        return; // charged to an earlier test already
      }
      // Checked even if the watchdog killed the child a moment ago: this test's passing result
      // may have been on its way.
      String reason = Watchdog.overLimit(jvm, spec, diskBase, true);
      if (reason != null) {
        results.get(id).addProblem(reason);
        charged = true;
        currentId = null;
        kill(reason);
      }
    }

    String failureReason() {
      if (killReason != null) {
        return killReason;
      }
      if (exitCode == EXIT_OUT_OF_MEMORY) {
        return "ran out of memory (heap limit " + spec.heapMb() + " MB)";
      }
      return "the test JVM exited with code "
          + exitCode
          + " before reporting every result (System.exit, halt or a crash)";
    }

    /** The test method an event names, or null if it names none. */
    private static TestId testOf(JsonNode e) {
      String cls = text(e, Field.CLASS, null);
      String method = text(e, Field.METHOD, null);
      return cls == null || method == null || cls.isEmpty() || method.isEmpty()
          ? null
          : new TestId(cls, method);
    }

    private static String text(JsonNode e, Field f, String otherwise) {
      return e.path(f.wireName()).asText(otherwise);
    }

    private void handle(JsonNode e, List<TestId> found) {
      ChildEvent type = ChildEvent.fromWire(text(e, Field.TYPE, ""));
      TestId id = testOf(e);
      boolean ours = id != null && expected.contains(id);
      if (type == null) {
        return; // an event type of a later version
      }
      switch (type) {
        case FOUND -> found.add(id);
        case DONE -> clean = true;
        case START -> {
          if (charged) {
            return; // the child is being killed; this test runs again in a fresh child
          }
          currentId = id;
          currentUid = text(e, Field.UID, "");
          currentName = text(e, Field.NAME, "");
          currentStart = System.currentTimeMillis();
        }
        case FINISH -> {
          if (text(e, Field.UID, "").equals(currentUid)) {
            currentId = null;
            currentUid = null;
            currentStart = -1;
          }
          if (ours) {
            String name = text(e, Field.NAME, "");
            boolean ok = text(e, Field.STATUS, "").equals(ChildEvent.SUCCESSFUL);
            Invocation inv =
                new Invocation(name, seedOf(name), ok, ok ? null : text(e, Field.MESSAGE, ""));
            results.get(id).addInvocation(inv);
            touched.add(id);
            listener.finished(id, inv);
            chargeLimits(id);
          }
        }
        case SKIP -> {
          if (ours) {
            results.get(id).addProblem("skipped: " + text(e, Field.REASON, ""));
            touched.add(id);
          }
        }
        case METHOD_FAIL -> {
          if (ours) {
            results.get(id).addProblem(text(e, Field.MESSAGE, ""));
            touched.add(id);
          }
        }
        case MISSING -> {
          if (ours) {
            results.get(id).addProblem("test not found: no such class or method");
            touched.add(id);
          }
        }
        case CLASS_FAIL -> classFailures.put(text(e, Field.CLASS, ""), text(e, Field.MESSAGE, ""));
        case ENTRY -> {
          if (ours && id.equals(currentId)) {
            results.get(id).putEntry(text(e, Field.KEY, ""), text(e, Field.VALUE, ""));
          }
        }
        case HELLO -> {
          // the child owns the channel; nothing to record
        }
      }
    }
  }
}
