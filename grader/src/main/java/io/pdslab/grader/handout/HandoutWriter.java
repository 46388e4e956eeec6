package io.pdslab.grader.handout;

import io.pdslab.grader.GraderException;
import io.pdslab.grader.manifest.LabManifest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the student repository: the same build (a parent pom listing only the handed-out modules,
 * the harness, the grader's CLI, the Maven wrapper and launcher) and each lab with its solution
 * blocks replaced by their stubs, without hidden tests or example submissions. The handout's pom
 * skips the Spotless check: stubbed sources are not guaranteed to be google-java-format clean
 * (imports only the solution used, for one), and students should not fail builds over formatting.
 */
public final class HandoutWriter {
  private static final Logger LOG = LoggerFactory.getLogger(HandoutWriter.class);
  private static final List<String> ROOT_FILES =
      List.of("mvnw", "mvnw.cmd", "pdslab", "LICENSE", ".gitignore");
  private static final Set<String> SKIPPED_DIRS = Set.of("target", ".git", ".idea", "node_modules");
  private static final Pattern MODULES = Pattern.compile("(?s)<modules>.*?</modules>");
  private static final Pattern PROPERTIES = Pattern.compile("<properties>");

  private HandoutWriter() {}

  /**
   * Writes the handout of {@code labs} from {@code root} into the new or empty folder {@code out}.
   */
  public static void write(Path root, List<LabManifest> labs, Path out) {
    write(root, labs, out, true);
  }

  /**
   * Writes the same build for the instructor's side (e.g. an autograder): the labs as they are,
   * with reference solutions and hidden tests, but without example submissions.
   */
  public static void writeInstructorCopy(Path root, List<LabManifest> labs, Path out) {
    write(root, labs, out, false);
  }

  private static void write(Path root, List<LabManifest> labs, Path out, boolean handout) {
    try {
      if (Files.exists(out)) {
        try (var entries = Files.list(out)) {
          if (entries.findAny().isPresent()) {
            throw new GraderException("output folder " + out + " exists and is not empty");
          }
        }
      }
      Files.createDirectories(out);
      for (String f : ROOT_FILES) {
        if (Files.isRegularFile(root.resolve(f))) {
          Files.copy(root.resolve(f), out.resolve(f));
        }
      }
      copyTree(root.resolve(".mvn"), out.resolve(".mvn"), false);
      copyTree(root.resolve("harness"), out.resolve("harness"), false);
      copyTree(root.resolve("grader"), out.resolve("grader"), false);
      // The grader's own tests build nested projects: not for students.
      io.pdslab.grader.run.FileTrees.delete(out.resolve("grader/src/test"));
      for (LabManifest m : labs) {
        Path from = root.resolve("labs").resolve(m.lab());
        Path to = out.resolve("labs").resolve(m.lab());
        copyTree(from, to, handout);
        if (handout) {
          io.pdslab.grader.run.FileTrees.delete(to.resolve("src/hidden"));
        }
        io.pdslab.grader.run.FileTrees.delete(to.resolve("examples"));
      }
      Files.writeString(out.resolve("pom.xml"), pom(root, labs), StandardCharsets.UTF_8);
      if (handout) {
        Files.writeString(out.resolve("README.md"), readme(root, labs), StandardCharsets.UTF_8);
      }
      for (String exe : List.of("mvnw", "pdslab")) {
        Path f = out.resolve(exe);
        if (Files.exists(f)) {
          Set<PosixFilePermission> perms = Files.getPosixFilePermissions(f);
          perms.add(PosixFilePermission.OWNER_EXECUTE);
          Files.setPosixFilePermissions(f, perms);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the handout to " + out + ": " + e, e);
    }
  }

  private static String pom(Path root, List<LabManifest> labs) throws IOException {
    String pom = Files.readString(root.resolve("pom.xml"), StandardCharsets.UTF_8);
    String modules =
        "<modules>\n    <module>harness</module>\n"
            + labs.stream()
                .map(m -> "    <module>labs/" + m.lab() + "</module>\n")
                .collect(Collectors.joining())
            + "    <module>grader</module>\n  </modules>";
    Matcher mm = MODULES.matcher(pom);
    if (!mm.find()) {
      throw new GraderException(root.resolve("pom.xml") + ": no <modules> section");
    }
    pom = pom.substring(0, mm.start()) + modules + pom.substring(mm.end());
    return PROPERTIES
        .matcher(pom)
        .replaceFirst(
            "<properties>\n    <!-- Generated copy: stubbed sources are not format-checked. -->\n"
                + "    <spotless.check.skip>true</spotless.check.skip>");
  }

  private static String readme(Path root, List<LabManifest> labs) throws IOException {
    if (labs.size() == 1) {
      Path labReadme = root.resolve("labs").resolve(labs.get(0).lab()).resolve("README.md");
      if (Files.isRegularFile(labReadme)) {
        return Files.readString(labReadme, StandardCharsets.UTF_8);
      }
    }
    StringBuilder s = new StringBuilder("# pdslab labs\n\n");
    for (LabManifest m : labs) {
      s.append("- `labs/").append(m.lab()).append("`: ").append(m.title()).append('\n');
    }
    s.append(
        """

        Edit the files under `labs/<lab>/src/main/java`, then:

        ```bash
        ./pdslab list <lab>                 # the graded tests and their points
        ./pdslab test <lab> --seeds 20      # run them on 20 seeds
        ./pdslab replay <lab> Test#method --seed 42 --trace-dir traces/
        ```

        A failing test prints its seed and the command that replays it. Hidden tests and
        performance checks are run by the grader on your submission.
        """);
    return s.toString();
  }

  /** Copies a tree without build output; {@code handout} applies the solution markers. */
  private static void copyTree(Path from, Path to, boolean handout) throws IOException {
    if (!Files.isDirectory(from)) {
      return;
    }
    Files.walkFileTree(
        from,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
              throws IOException {
            if (!dir.equals(from) && SKIPPED_DIRS.contains(dir.getFileName().toString())) {
              return FileVisitResult.SKIP_SUBTREE;
            }
            Files.createDirectories(to.resolve(from.relativize(dir).toString()));
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            if (!attrs.isRegularFile()) {
              return FileVisitResult.CONTINUE;
            }
            Path target = to.resolve(from.relativize(file).toString());
            if (handout && file.toString().endsWith(".java")) {
              String text = Files.readString(file, StandardCharsets.UTF_8);
              String stubbed = MarkerProcessor.process(file.toString(), text);
              if (stubbed == null) {
                LOG.info("omitted (grader-only): {}", file);
              } else {
                Files.writeString(target, stubbed, StandardCharsets.UTF_8);
              }
            } else {
              Files.copy(file, target);
            }
            return FileVisitResult.CONTINUE;
          }
        });
  }
}
