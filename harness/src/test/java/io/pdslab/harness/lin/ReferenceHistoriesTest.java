package io.pdslab.harness.lin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.pdslab.harness.lin.format.EdnKvFormat;
import io.pdslab.harness.lin.format.EtcdLogFormat;
import io.pdslab.harness.lin.model.KvModel;
import io.pdslab.harness.lin.model.RegisterModel;
import io.pdslab.harness.testrun.PdslabProperties;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Checks every Jepsen history under {@code <root>/../shared/data/histories} against the verdict an
 * independent checker (Porcupine) gives in its folder's VERDICTS file.
 */
class ReferenceHistoriesTest {

  private static final Duration BUDGET = Duration.ofSeconds(20);

  @TestFactory
  List<DynamicTest> etcdRegisterHistories() throws IOException {
    RegisterModel<String> model = new RegisterModel<>();
    return tests(
        "etcd",
        (name, text) ->
            LinearizabilityChecker.check(model, EtcdLogFormat.parse(name, text), BUDGET));
  }

  @TestFactory
  List<DynamicTest> ednKeyValueHistories() throws IOException {
    KvModel model = new KvModel();
    return tests(
        "kv",
        (name, text) -> LinearizabilityChecker.check(model, EdnKvFormat.parse(name, text), BUDGET));
  }

  private interface Checker {
    CheckResult<?, ?> check(String name, String text);
  }

  private static List<DynamicTest> tests(String folder, Checker checker) throws IOException {
    Path dir = historiesDir().resolve(folder);
    assumeTrue(
        Files.isDirectory(dir),
        "reference histories not found at " + dir + " (the shared folder next to the project)");
    Map<String, String> verdicts = new TreeMap<>();
    for (String line : Files.readAllLines(dir.resolve("VERDICTS"))) {
      String[] parts = line.trim().split("\\s+");
      if (parts.length == 2) {
        verdicts.put(parts[0], parts[1]);
      }
    }
    assertFalse(verdicts.isEmpty(), "no verdicts in " + dir.resolve("VERDICTS"));
    List<DynamicTest> tests = new ArrayList<>();
    for (Map.Entry<String, String> v : verdicts.entrySet()) {
      tests.add(
          DynamicTest.dynamicTest(
              v.getKey() + " is " + v.getValue(),
              () -> {
                Path file = dir.resolve(v.getKey());
                String text = Files.readString(file, StandardCharsets.UTF_8);
                CheckResult<?, ?> result = checker.check(v.getKey(), text);
                Verdict expected =
                    v.getValue().equals("linearizable") ? Verdict.LINEARIZABLE : Verdict.VIOLATION;
                assertEquals(expected, result.verdict(), result::toText);
                if (expected == Verdict.VIOLATION) {
                  assertTrue(result.explanation().isPresent());
                }
              }));
    }
    return tests;
  }

  static Path historiesDir() {
    String root = System.getProperty(PdslabProperties.ROOT, ".");
    return Path.of(root).toAbsolutePath().resolve("../shared/data/histories").normalize();
  }
}
