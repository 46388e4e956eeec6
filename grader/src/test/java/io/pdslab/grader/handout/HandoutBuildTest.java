package io.pdslab.grader.handout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pdslab.grader.Fixtures;
import io.pdslab.grader.manifest.ManifestLoader;
import io.pdslab.grader.run.FileTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generates the handout of a tiny fixture lab from a copy of this project's build, then proves with
 * an offline Maven build that it compiles and that its tests run and fail on the stubs.
 */
class HandoutBuildTest {
  @TempDir Path tmp;

  @Test
  void handoutBuildsAndItsTestsFailOnTheStubs() throws Exception {
    Path root = Path.of(System.getProperty("pdslab.root", "..")).toAbsolutePath().normalize();
    Path project = tmp.resolve("project");
    for (String f : List.of("pom.xml", "mvnw", "pdslab", "LICENSE", ".gitignore")) {
      Files.createDirectories(project);
      Files.copy(root.resolve(f), project.resolve(f));
    }
    FileTrees.copy(root.resolve(".mvn"), project.resolve(".mvn"));
    for (String module : List.of("harness", "grader")) {
      Files.createDirectories(project.resolve(module));
      Files.copy(root.resolve(module + "/pom.xml"), project.resolve(module + "/pom.xml"));
      FileTrees.copy(root.resolve(module + "/src/main"), project.resolve(module + "/src/main"));
    }
    Path lab = project.resolve("labs/demo");
    Fixtures.copyResource("fixture-lab/demo", lab);
    Files.writeString(lab.resolve("pom.xml"), DEMO_POM);

    Path out = tmp.resolve("handout");
    HandoutWriter.write(project, List.of(ManifestLoader.load(project, "demo")), out);

    Path counter = out.resolve("labs/demo/src/main/java/io/pdslab/labs/demo/Counter.java");
    String stubbed = Files.readString(counter);
    assertTrue(stubbed.contains("throw new UnsupportedOperationException(\"TODO: increment()\");"));
    assertFalse(stubbed.contains("SOLUTION") || stubbed.contains("value++"), stubbed);
    assertFalse(Files.exists(counter.resolveSibling("Secret.java")));
    assertFalse(Files.exists(out.resolve("labs/demo/src/hidden")));
    assertFalse(Files.exists(out.resolve("labs/demo/examples")));
    assertFalse(Files.exists(out.resolve("grader/src/test")));
    assertTrue(Files.exists(out.resolve("labs/demo/lab.json")));
    assertEquals(
        "# Demo lab\n\nImplement `Counter`.\n", Files.readString(out.resolve("README.md")));
    String pom = Files.readString(out.resolve("pom.xml"));
    assertEquals(List.of("harness", "labs/demo", "grader"), modules(pom), "handout modules");
    assertTrue(Files.isExecutable(out.resolve("mvnw")));

    Process build =
        new ProcessBuilder(
                out.resolve("mvnw").toString(),
                "-o",
                "-q",
                "-B",
                "test",
                "-pl",
                "labs/demo,grader",
                "-am",
                "-Dtest=io.pdslab.labs.demo.**",
                "-Dsurefire.failIfNoSpecifiedTests=false",
                "-Dmaven.test.failure.ignore=true")
            .directory(out.toFile())
            .redirectErrorStream(true)
            .redirectOutput(tmp.resolve("build.log").toFile())
            .start();
    assertTrue(build.waitFor(240, TimeUnit.SECONDS), "handout build timed out");
    assertEquals(0, build.exitValue(), () -> log(tmp.resolve("build.log")));
    String report =
        Files.readString(
            out.resolve(
                "labs/demo/target/surefire-reports/TEST-io.pdslab.labs.demo.CounterTest.xml"));
    assertTrue(report.contains("tests=\"4\""), report);
    assertTrue(report.contains("TODO: increment()"), "tests must fail on the stubs");
    assertTrue(
        Files.isRegularFile(out.resolve("grader/target/classes/io/pdslab/cli/Pdslab.class")),
        "the handout's CLI compiles");
  }

  private static List<String> modules(String pom) {
    Matcher m = Pattern.compile("<module>([^<]+)</module>").matcher(pom);
    List<String> out = new java.util.ArrayList<>();
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  private static String log(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return e.toString();
    }
  }

  private static final String DEMO_POM =
      """
      <?xml version="1.0" encoding="UTF-8"?>
      <project xmlns="http://maven.apache.org/POM/4.0.0"
               xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
               xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
        <modelVersion>4.0.0</modelVersion>
        <parent>
          <groupId>io.pdslab</groupId>
          <artifactId>pdslab-parent</artifactId>
          <version>0.1.0-SNAPSHOT</version>
          <relativePath>../../pom.xml</relativePath>
        </parent>
        <artifactId>lab-demo</artifactId>
        <dependencies>
          <dependency>
            <groupId>org.junit.jupiter</groupId>
            <artifactId>junit-jupiter</artifactId>
            <scope>test</scope>
          </dependency>
        </dependencies>
        <build>
          <plugins>
            <plugin>
              <groupId>org.codehaus.mojo</groupId>
              <artifactId>build-helper-maven-plugin</artifactId>
            </plugin>
          </plugins>
        </build>
      </project>
      """;
}
