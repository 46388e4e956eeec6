package io.pdslab.grader.handout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pdslab.cli.Pdslab;
import io.pdslab.grader.Fixtures;
import io.pdslab.grader.build.LabBuild;
import io.pdslab.grader.manifest.ManifestLoader;
import io.pdslab.grader.run.FileTrees;
import io.pdslab.harness.testrun.PdslabProperties;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generates the handout of a tiny fixture lab from a copy of this project's build, then proves with
 * a Maven build (offline when this build is) that it compiles and that its tests run and fail on
 * the stubs.
 */
class HandoutBuildTest {
  @TempDir static Path tmp;
  static Path project;

  /** A copy of this project's build with a fixture lab, shared by the tests. */
  @BeforeAll
  static void copyProject() throws IOException {
    Path root =
        Path.of(System.getProperty(PdslabProperties.ROOT, "..")).toAbsolutePath().normalize();
    project = tmp.resolve("project");
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
    Path pom = project.resolve("pom.xml");
    Files.writeString(
        pom,
        Files.readString(pom)
            .replaceFirst(
                "(?s)<modules>.*?</modules>",
                "<modules><module>harness</module><module>labs/demo</module>"
                    + "<module>grader</module></modules>"));
  }

  /**
   * The CLI on the fixture project: list expands classes, test runs seeds, grade writes reports.
   */
  @Test
  void cliListsTestsAndGradesTheProject() throws IOException {
    String saved = System.getProperty(PdslabProperties.ROOT);
    System.setProperty(PdslabProperties.ROOT, project.toString());
    try {
      StringWriter out = new StringWriter();
      int test =
          Pdslab.run(
              new PrintWriter(out),
              new PrintWriter(out),
              "test",
              "demo",
              "--seeds",
              "2",
              "--jobs",
              "2");
      assertEquals(0, test, out.toString());
      assertTrue(
          out.toString().contains("PASS  CounterTest#incrementsMany  2/2 seeds passed"),
          out.toString());
      assertTrue(out.toString().contains("4 of 4 tests passed"), out.toString());

      out.getBuffer().setLength(0);
      assertEquals(0, Pdslab.run(new PrintWriter(out), new PrintWriter(out), "list", "demo"));
      assertTrue(
          out.toString().contains("io.pdslab.labs.demo.CounterTest#incrementsOnce"),
          out.toString());

      out.getBuffer().setLength(0);
      Path grades = tmp.resolve("grades");
      int grade =
          Pdslab.run(
              new PrintWriter(out),
              new PrintWriter(out),
              "grade",
              "--examples",
              "--out",
              grades.toString());
      assertEquals(0, grade, out.toString());
      String table = out.toString();
      assertTrue(table.matches("(?s).*demo-reference\\s+6/6\\s+graded.*"), table);
      assertTrue(
          table.matches("(?s).*demo-broken\\s+0/6\\s+compile-error\\s+compile-error.*"), table);
      assertTrue(table.matches("(?s).*demo-no-reset\\s+3/6\\s+graded\\s+fails: B.*"), table);
      assertTrue(Files.isRegularFile(grades.resolve("demo-no-reset/results.json")));
      assertTrue(
          Files.readString(grades.resolve("grades.csv"))
              .contains("demo,demo-broken,compile-error,0,6"));
    } finally {
      System.setProperty(PdslabProperties.ROOT, saved == null ? "" : saved);
    }
  }

  @Test
  void handoutBuildsAndItsTestsFailOnTheStubs() throws Exception {
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

    List<String> command = new java.util.ArrayList<>(List.of(out.resolve("mvnw").toString()));
    if (LabBuild.offline()) {
      command.add("-o");
    }
    command.addAll(
        List.of(
            "-q",
            "-B",
            "test",
            "-pl",
            "labs/demo,grader",
            "-am",
            "-Dtest=io.pdslab.labs.demo.**",
            "-Dsurefire.failIfNoSpecifiedTests=false",
            "-Dmaven.test.failure.ignore=true"));
    Process build =
        new ProcessBuilder(command)
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
