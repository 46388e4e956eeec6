package io.pdslab.grader.build;

import io.pdslab.grader.GraderException;
import io.pdslab.harness.testrun.PdslabProperties;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A lab compiled by Maven, with its test classpath. Built with {@code ./mvnw test-compile
 * dependency:build-classpath} on the lab module and what it depends on; cached per process.
 *
 * @param labDir the lab's folder
 * @param classes compiled main classes
 * @param testClasses compiled test classes (public and hidden)
 * @param dependencies every other entry of the test classpath (harness classes, jars)
 */
public record LabBuild(Path labDir, Path classes, Path testClasses, List<Path> dependencies) {
  private static final Logger LOG = LoggerFactory.getLogger(LabBuild.class);
  private static final String CLASSPATH_FILE = "target/pdslab.classpath";
  private static final Map<Path, LabBuild> CACHE = new ConcurrentHashMap<>();

  /** The full test classpath: test classes, classes, dependencies. */
  public List<Path> testClasspath() {
    List<Path> cp = new ArrayList<>(List.of(testClasses, classes));
    cp.addAll(dependencies);
    return cp;
  }

  /** Resources are copied into the class folders by Maven; nothing else to add. */
  public List<Path> mainClasspath() {
    List<Path> cp = new ArrayList<>(List.of(classes));
    cp.addAll(dependencies);
    return cp;
  }

  /** Whether Maven should run offline ({@code -Dpdslab.offline=true} or PDSLAB_OFFLINE=1). */
  public static boolean offline() {
    return Boolean.getBoolean(PdslabProperties.OFFLINE)
        || "1".equals(System.getenv("PDSLAB_OFFLINE"));
  }

  /** Compiles the lab (and the modules it needs) and reads its test classpath. */
  public static LabBuild build(Path root, String lab) {
    buildAll(root, List.of(lab));
    return CACHE.get(root.resolve("labs").resolve(lab).normalize());
  }

  /** Compiles several labs in one Maven run (much faster than one run each). */
  public static synchronized void buildAll(Path root, List<String> labs) {
    List<String> missing =
        labs.stream()
            .filter(l -> !CACHE.containsKey(root.resolve("labs").resolve(l).normalize()))
            .toList();
    if (missing.isEmpty()) {
      return;
    }
    runMaven(root, missing);
    for (String lab : missing) {
      Path labDir = root.resolve("labs").resolve(lab).normalize();
      CACHE.put(labDir, read(labDir, labDir.resolve(CLASSPATH_FILE)));
    }
  }

  /** The lab as last compiled, or null if it was never compiled. */
  public static LabBuild existing(Path root, String lab) {
    Path labDir = root.resolve("labs").resolve(lab).normalize();
    Path cpFile = labDir.resolve(CLASSPATH_FILE);
    if (!Files.isRegularFile(cpFile) || !Files.isDirectory(labDir.resolve("target/test-classes"))) {
      return null;
    }
    return read(labDir, cpFile);
  }

  private static void runMaven(Path root, List<String> labs) {
    String lab = String.join(",", labs);
    Path log = root.resolve("target/pdslab-build.log");
    List<String> cmd = new ArrayList<>();
    cmd.add(root.resolve("mvnw").toString());
    cmd.addAll(List.of("-B", "-q"));
    if (offline()) {
      cmd.add("-o");
    }
    cmd.addAll(
        List.of(
            "-f",
            root.resolve("pom.xml").toString(),
            "-pl",
            labs.stream().map(l -> "labs/" + l).collect(java.util.stream.Collectors.joining(",")),
            "-am",
            "test-compile",
            "dependency:build-classpath",
            "-Dmdep.outputFile=" + CLASSPATH_FILE,
            "-Dmdep.includeScope=test"));
    LOG.info("building {}: {}", lab, String.join(" ", cmd));
    try {
      Files.createDirectories(log.getParent());
      // One build at a time per tree, across processes too: the tasks of a Slurm job array all
      // start by building the same lab, and two Maven runs would race on target/ and the log.
      try (FileChannel lock =
              FileChannel.open(
                  root.resolve("target/pdslab-build.lock"),
                  StandardOpenOption.CREATE,
                  StandardOpenOption.WRITE);
          FileLock held = lock.lock()) {
        runMaven(cmd, root, log, lab);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run Maven: " + e.getMessage(), e);
    }
  }

  private static void runMaven(List<String> cmd, Path root, Path log, String lab)
      throws IOException {
    try {
      Process p =
          new ProcessBuilder(cmd)
              .directory(root.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      if (p.waitFor() != 0) {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        String tail =
            String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        throw new GraderException("building " + lab + " failed (full log: " + log + "):\n" + tail);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GraderException("interrupted while building " + lab);
    }
  }

  private static LabBuild read(Path labDir, Path cpFile) {
    try {
      String text = Files.readString(cpFile, StandardCharsets.UTF_8).trim();
      List<Path> deps =
          text.isEmpty()
              ? List.of()
              : Arrays.stream(text.split(File.pathSeparator)).map(Path::of).toList();
      return new LabBuild(
          labDir, labDir.resolve("target/classes"), labDir.resolve("target/test-classes"), deps);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
