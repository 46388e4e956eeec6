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
 * Expands a manifest's selections into test methods: {@code pkg.TestClass} shares its points
 * equally among the test methods of the class, {@code pkg.TestClass#method} gives them to that
 * method. A method selected explicitly keeps its own entry. Classes that do not exist (hidden tests
 * in a handout) are skipped.
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
        List<String> ids = select(t.select(), methodsOf);
        for (String id : ids) {
          if (!out.containsKey(id) || t.select().contains("#")) {
            out.put(
                id, new GradedTest(id, p.id(), (double) t.points() / ids.size(), t.hidden(), null));
          }
        }
      }
    }
    for (PerformanceCheck c : m.performance()) {
      List<String> ids = select(c.benchmark(), methodsOf);
      for (String id : ids) {
        out.put(
            id,
            new GradedTest(id, GradedTest.PERFORMANCE, (double) c.points() / ids.size(), true, c));
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
