package io.pdslab.grader.build;

import io.pdslab.grader.manifest.LabManifest;
import io.pdslab.grader.manifest.LabManifest.Part;
import io.pdslab.grader.manifest.LabManifest.PerformanceCheck;
import io.pdslab.grader.manifest.LabManifest.TestEntry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Expands a manifest's selections into test methods: {@code pkg.TestClass} gives its points to
 * every test method of the class, {@code pkg.TestClass#method} to that method. A method selected
 * explicitly keeps its own entry. Classes that do not exist (hidden tests in a handout) are
 * skipped.
 */
public final class LabTests {
  private LabTests() {}

  /**
   * Expands every part and performance check.
   *
   * @param discover maps test class names to their test methods ({@code Class#method})
   */
  public static List<GradedTest> expand(
      LabManifest m, Function<List<String>, List<String>> discover) {
    Set<String> classes = new LinkedHashSet<>();
    Set<String> explicit = new LinkedHashSet<>();
    for (Part p : m.parts()) {
      for (TestEntry t : p.tests()) {
        (t.select().contains("#") ? explicit : classes).add(t.select());
      }
    }
    for (PerformanceCheck c : m.performance()) {
      (c.benchmark().contains("#") ? explicit : classes).add(c.benchmark());
    }
    Map<String, List<String>> methodsOf = new LinkedHashMap<>();
    if (!classes.isEmpty()) {
      for (String id : discover.apply(List.copyOf(classes))) {
        methodsOf.computeIfAbsent(id.substring(0, id.indexOf('#')), k -> new ArrayList<>()).add(id);
      }
    }
    Map<String, GradedTest> out = new LinkedHashMap<>();
    for (Part p : m.parts()) {
      for (TestEntry t : p.tests()) {
        for (String id : select(t.select(), methodsOf)) {
          if (!out.containsKey(id) || t.select().contains("#")) {
            out.put(id, new GradedTest(id, p.id(), t.points(), t.hidden(), null));
          }
        }
      }
    }
    for (PerformanceCheck c : m.performance()) {
      for (String id : select(c.benchmark(), methodsOf)) {
        out.put(id, new GradedTest(id, GradedTest.PERFORMANCE, c.points(), true, c.minRatio()));
      }
    }
    return List.copyOf(out.values());
  }

  private static List<String> select(String selection, Map<String, List<String>> methodsOf) {
    return selection.contains("#")
        ? List.of(selection)
        : methodsOf.getOrDefault(selection, List.of());
  }

  /** Discovery selector lines for the given class names. */
  public static List<String> classSelectors(List<String> classNames) {
    return classNames.stream().map(c -> "class " + c).toList();
  }
}
