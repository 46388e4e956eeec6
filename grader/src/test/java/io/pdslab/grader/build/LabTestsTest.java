package io.pdslab.grader.build;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pdslab.grader.manifest.LabManifest;
import io.pdslab.grader.manifest.LabManifest.Limits;
import io.pdslab.grader.manifest.LabManifest.Part;
import io.pdslab.grader.manifest.LabManifest.TestEntry;
import io.pdslab.harness.testrun.TestId;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class LabTestsTest {
  private static final List<TestId> METHODS =
      List.of(
          new TestId("p.LockTest", "mutualExclusion"),
          new TestId("p.LockTest", "fairness"),
          new TestId("p.LockTest", "spinsOnReads"),
          new TestId("p.QueueTest", "fifo"));

  private static LabManifest manifest(Part... parts) {
    return new LabManifest(
        "lab", "lab", List.of(), List.of(parts), new Limits(1, 1, 64), List.of(), null, List.of());
  }

  private static Map<String, Double> pointsByMethod(LabManifest m) {
    return LabTests.expand(m, classes -> METHODS).stream()
        .collect(Collectors.toMap(t -> t.id().method() + "@" + t.part(), GradedTest::points));
  }

  @Test
  void aClassSharesItsPointsAmongItsMethods() {
    Map<String, Double> points =
        pointsByMethod(
            manifest(new Part("A", "a", List.of(new TestEntry("p.LockTest", 3, false)), false)));
    assertEquals(
        Map.of("mutualExclusion@A", 1.0, "fairness@A", 1.0, "spinsOnReads@A", 1.0), points);
  }

  @Test
  void aMethodSelectedInAnotherPartLeavesItsClassWithTheDeclaredPoints() {
    Map<String, Double> points =
        pointsByMethod(
            manifest(
                new Part("A", "a", List.of(new TestEntry("p.LockTest", 3, false)), false),
                new Part(
                    "perf",
                    "design",
                    List.of(new TestEntry("p.LockTest#spinsOnReads", 2, false)),
                    false)));
    assertEquals(
        Map.of("mutualExclusion@A", 1.5, "fairness@A", 1.5, "spinsOnReads@perf", 2.0), points);
  }
}
