package io.pdslab.grader.run;

import com.fasterxml.jackson.databind.JsonNode;
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
    void finished(String id, Invocation invocation);
  }

  /** What a run produced: one result per expected test, in order, and the child's output. */
  public record Outcome(Map<String, MethodResult> results, String output) {}

  private TestExecutor() {}

  /**
   * Lists the test methods ({@code TestClass#method}) the selector lines select, without running
   * them. Lines are {@code class C}, {@code method C#m} or {@code root DIR}.
   */
  public static List<String> discover(RunSpec spec, List<String> selectorLines) {
    List<String> found = new ArrayList<>();
    Session s = new Session(spec, "discover", selectorLines, Set.of(), (id, inv) -> {}, null);
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
  public static Outcome run(RunSpec spec, List<String> expected, Listener listener) {
    Map<String, MethodResult> results = new LinkedHashMap<>();
    expected.forEach(id -> results.put(id, new MethodResult(id)));
    Set<String> remaining = new LinkedHashSet<>(expected);
    Map<String, String> classFailures = new LinkedHashMap<>();
    StringBuilder output = new StringBuilder();
    RunTotal total = new RunTotal(spec);
    while (!remaining.isEmpty()) {
      Watchdog.Stop over = total.stopBeforeNextChild();
      if (over != null) {
        for (String id : remaining) {
          if (over.overloaded()) {
            results.get(id).markOverloaded(over.reason());
          } else {
            results.get(id).addProblem("not run: " + over.reason());
          }
        }
        break;
      }
      List<String> lines = remaining.stream().map(id -> "method " + id).toList();
      Session s = new Session(spec, "run", lines, remaining, listener, results);
      s.run(null, total);
      classFailures.putAll(s.classFailures);
      String out = s.jvm.output();
      if (!out.isBlank()) {
        output.append(out);
      }
      remaining.removeAll(s.touched);
      if (s.clean) {
        for (String id : remaining) {
          String cls = id.substring(0, id.indexOf('#'));
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
        for (String id : remaining) {
          if (s.stop != null && s.stop.overloaded()) {
            results.get(id).markOverloaded(reason);
          } else {
            results.get(id).addProblem("the test JVM failed before this test: " + reason);
          }
        }
        break;
      }
    }
    return new Outcome(results, output.toString());
  }

  /** The whole run's time budget, over every child it starts. */
  private static final class RunTotal implements Watchdog.Total {
    private final TimeBudget budget;
    private long cpuMsBefore;
    private Watchdog.Stop stopped;

    RunTotal(RunSpec spec) {
      this.budget = new TimeBudget(spec.totalTimeout().toMillis(), TimeBudget.Clocks.now(0));
    }

    @Override
    public TimeBudget budget() {
      return budget;
    }

    @Override
    public long cpuMsBefore() {
      return cpuMsBefore;
    }

    void childEnded(long cpuMs, Watchdog.Stop stop) {
      cpuMsBefore += Math.max(0, cpuMs);
      if (stop != null && stop.total()) {
        stopped = stop;
      }
    }

    /** Why no further child may start (the total budget is spent), or null. */
    Watchdog.Stop stopBeforeNextChild() {
      if (stopped != null) {
        return stopped;
      }
      TimeBudget.Clocks now = TimeBudget.Clocks.now(cpuMsBefore);
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
    final Set<String> expected;
    final Listener listener;
    final Map<String, MethodResult> results;
    final Set<String> touched = new LinkedHashSet<>();
    final Map<String, String> classFailures = new LinkedHashMap<>();
    volatile long currentStart = -1;
    volatile long lastEvent = System.currentTimeMillis();
    volatile String killReason;
    volatile Watchdog.Stop stop;
    final long diskBase;

    /** Set once a finished test was charged with a broken limit: later starts are not blamed. */
    boolean charged;

    String currentId;
    String currentUid;
    String currentName;
    boolean clean;
    int exitCode;

    Session(
        RunSpec spec,
        String mode,
        List<String> lines,
        Set<String> expected,
        Listener listener,
        Map<String, MethodResult> results) {
      this.spec = spec;
      this.expected = Set.copyOf(expected);
      this.listener = listener;
      this.results = results;
      this.diskBase = Watchdog.diskBytes(spec, 0);
      this.jvm = ChildJvm.start(spec, mode, lines);
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

    void run(List<String> found, RunTotal total) {
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
      total.childEnded(dog.cpuMs(), stop);
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
    private void chargeLimits(String id) {
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

    private void handle(JsonNode e, List<String> found) {
      String type = e.path("type").asText();
      String id = e.path("id").asText(null);
      boolean ours = id != null && expected.contains(id);
      switch (type) {
        case "found" -> found.add(id);
        case "done" -> clean = true;
        case "start" -> {
          if (charged) {
            return; // the child is being killed; this test runs again in a fresh child
          }
          currentId = id;
          currentUid = e.path("uid").asText();
          currentName = e.path("name").asText();
          currentStart = System.currentTimeMillis();
        }
        case "finish" -> {
          if (e.path("uid").asText().equals(currentUid)) {
            currentId = null;
            currentUid = null;
            currentStart = -1;
          }
          if (ours) {
            String name = e.path("name").asText();
            boolean ok = e.path("status").asText().equals("SUCCESSFUL");
            Invocation inv =
                new Invocation(name, seedOf(name), ok, ok ? null : e.path("message").asText(""));
            results.get(id).addInvocation(inv);
            touched.add(id);
            listener.finished(id, inv);
            chargeLimits(id);
          }
        }
        case "skip" -> {
          if (ours) {
            results.get(id).addProblem("skipped: " + e.path("reason").asText(""));
            touched.add(id);
          }
        }
        case "method-fail" -> {
          if (ours) {
            results.get(id).addProblem(e.path("message").asText(""));
            touched.add(id);
          }
        }
        case "missing" -> {
          if (ours) {
            results.get(id).addProblem("test not found: no such class or method");
            touched.add(id);
          }
        }
        case "class-fail" ->
            classFailures.put(e.path("class").asText(), e.path("message").asText());
        case "entry" -> {
          if (ours && id.equals(currentId)) {
            results.get(id).putEntry(e.path("key").asText(), e.path("value").asText());
          }
        }
        default -> {
          // "hello" and future event types
        }
      }
    }
  }
}
