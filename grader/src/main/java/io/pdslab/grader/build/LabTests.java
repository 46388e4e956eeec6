package io.pdslab.grader.build;

import io.pdslab.grader.manifest.LabManifest;
import io.pdslab.grader.manifest.LabManifest.Part;
import io.pdslab.grader.manifest.LabManifest.PerformanceCheck;
import io.pdslab.grader.manifest.LabManifest.TestEntry;
import io.pdslab.harness.testrun.TestId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Expands a manifest's selections into test methods: {@code pkg.TestClass} shares its points
 * equally among the test methods of the class, {@code pkg.TestClass#method} gives them to that
 * method. A method selected explicitly keeps its own entry, and the class's points are shared among
 * its other methods, so that every entry is worth the points it declares (a check can move to
 * another part without changing the points of the class it lives in). Classes that do not exist
 * (hidden tests in a handout) are skipped.
 */
public final class LabTests {
  private LabTests() {}

  /**
   * Expands every part and performance check.
   *
   * @param discover maps test class names to their test methods
   */
  public static List<GradedTest> expand(
      LabManifest m, Function<List<String>, List<TestId>> discover) {
    Set<String> classes = new LinkedHashSet<>();
    Set<String> explicit = new LinkedHashSet<>();
    for (Part p : m.parts()) {
      for (TestEntry t : p.tests()) {
        (TestId.namesMethod(t.select()) ? explicit : classes).add(t.select());
      }
    }
    for (PerformanceCheck c : m.performance()) {
      (TestId.namesMethod(c.benchmark()) ? explicit : classes).add(c.benchmark());
    }
    Map<String, List<TestId>> methodsOf =
        classes.isEmpty() ? Map.of() : byClass(discover.apply(List.copyOf(classes)));
    Set<TestId> named = new LinkedHashSet<>();
    for (String selection : explicit) {
      named.add(TestId.parse(selection));
    }
    Map<TestId, GradedTest> out = new LinkedHashMap<>();
    for (Part p : m.parts()) {
      for (TestEntry t : p.tests()) {
        boolean method = TestId.namesMethod(t.select());
        List<TestId> ids =
            select(t.select(), methodsOf).stream()
                .filter(id -> method || !named.contains(id))
                .toList();
        for (TestId id : ids) {
          if (!out.containsKey(id) || method) {
            double points = (double) t.points() / ids.size();
            out.put(id, new GradedTest(id, p.id(), points, t.hidden(), null, p.bonus()));
          }
        }
      }
    }
    for (PerformanceCheck c : m.performance()) {
      List<TestId> ids = select(c.benchmark(), methodsOf);
      for (TestId id : ids) {
        out.put(
            id,
            new GradedTest(id, GradedTest.PERFORMANCE, (double) c.points() / ids.size(), true, c));
      }
    }
    return List.copyOf(out.values());
  }

  private static List<TestId> select(String selection, Map<String, List<TestId>> methodsOf) {
    return TestId.namesMethod(selection)
        ? List.of(TestId.parse(selection))
        : methodsOf.getOrDefault(selection, List.of());
  }

  /** Test methods grouped by their class, in order. */
  public static Map<String, List<TestId>> byClass(List<TestId> methods) {
    Map<String, List<TestId>> out = new LinkedHashMap<>();
    for (TestId id : methods) {
      out.computeIfAbsent(id.className(), k -> new ArrayList<>()).add(id);
    }
    return out;
  }

  /** Discovery selector lines for the given class names. */
  public static List<String> classSelectors(List<String> classNames) {
    return classNames.stream().map(c -> "class " + c).toList();
  }
}
