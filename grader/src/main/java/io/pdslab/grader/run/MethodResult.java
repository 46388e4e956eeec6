package io.pdslab.grader.run;

import io.pdslab.harness.testrun.TestId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the parent observed for one test method ({@code TestClass#method}). It passed only if at
 * least one execution was seen, every execution succeeded and nothing else went wrong.
 */
public final class MethodResult {
  private final TestId id;
  private final List<Invocation> invocations = new ArrayList<>();
  private final List<String> problems = new ArrayList<>();
  private final Map<String, String> entries = new LinkedHashMap<>();
  private final Map<String, Double> sums = new LinkedHashMap<>();
  private String overloaded;

  /** An empty result for {@code id}. */
  public MethodResult(TestId id) {
    this.id = id;
  }

  /** The test method. */
  public TestId id() {
    return id;
  }

  /** Executions in the order they finished. */
  public List<Invocation> invocations() {
    return invocations;
  }

  /** Failures not tied to one execution: a crash, a timeout, a missing result, a setup failure. */
  public List<String> problems() {
    return problems;
  }

  /** Reporting entries the test published (e.g. {@code ratio}); the last value wins. */
  public Map<String, String> entries() {
    return entries;
  }

  /** The sum of a numeric entry over every invocation (seeds) that published it; 0 if none. */
  public double entrySum(String key) {
    return sums.getOrDefault(key, 0.0);
  }

  /**
   * Whether the grading machine was too busy to run this test to its end: it neither passed nor
   * failed, and must be run again on a less loaded machine.
   */
  public boolean overloaded() {
    return overloaded != null;
  }

  /** Whether the test passed. */
  public boolean passed() {
    return !invocations.isEmpty()
        && overloaded == null
        && problems.isEmpty()
        && invocations.stream().allMatch(Invocation::passed);
  }

  /** Why it failed: the first failure message, or null when it passed. */
  public String failureMessage() {
    if (overloaded != null) {
      return overloaded;
    }
    if (!problems.isEmpty()) {
      return String.join("\n", problems);
    }
    if (invocations.isEmpty()) {
      return "no result reported";
    }
    return invocations.stream()
        .filter(i -> !i.passed())
        .map(i -> i.name() + ": " + i.message())
        .findFirst()
        .orElse(null);
  }

  void addInvocation(Invocation i) {
    invocations.add(i);
  }

  void markOverloaded(String reason) {
    if (overloaded == null) {
      overloaded = reason;
    }
  }

  void addProblem(String problem) {
    problems.add(problem);
  }

  /**
   * Records an entry: the child's reporting entries, or a figure the parent computed from them
   * (such as a performance ratio), which then replaces whatever the child published under that key.
   */
  public void putEntry(String key, String value) {
    entries.put(key, value);
    try {
      sums.merge(key, Double.parseDouble(value), Double::sum);
    } catch (NumberFormatException e) {
      // Not a number: kept as text only.
    }
  }
}
