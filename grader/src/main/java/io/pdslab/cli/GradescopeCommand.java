package io.pdslab.cli;

import io.pdslab.grader.handout.HandoutWriter;
import io.pdslab.grader.manifest.LabManifest;
import io.pdslab.grader.manifest.ManifestLoader;
import io.pdslab.grader.run.FileTrees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pdslab gradescope --lab L --out autograder.zip}: a Gradescope autograder that runs this
 * same grader on the submission and writes {@code /autograder/results/results.json}.
 */
@Command(
    name = "gradescope",
    mixinStandardHelpOptions = true,
    description = "Write a Gradescope autograder zip (setup.sh, run_autograder) for a lab.")
final class GradescopeCommand implements Callable<Integer> {
  @Option(names = "--lab", required = true, paramLabel = "LAB", description = "The lab.")
  String lab;

  @Option(names = "--out", required = true, paramLabel = "ZIP", description = "The zip to write.")
  Path out;

  @Option(names = "--seeds", defaultValue = "3", description = "Seeds per simulation test.")
  int seeds;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    Path root = Pdslab.root();
    LabManifest m = ManifestLoader.load(root, lab);
    Path zip = out.toAbsolutePath().normalize();
    if (Files.exists(zip)) {
      throw new UserError(zip + " exists: remove it first");
    }
    Path staging = Files.createTempDirectory("pdslab-gradescope");
    try {
      Path project = staging.resolve("source");
      HandoutWriter.writeInstructorCopy(root, List.of(m), project);
      Files.writeString(project.resolve("setup.sh"), setup(), StandardCharsets.UTF_8);
      Files.writeString(project.resolve("run_autograder"), run(), StandardCharsets.UTF_8);
      Files.createDirectories(zip.getParent());
      zip(project, zip);
    } finally {
      FileTrees.deleteQuietly(staging);
    }
    spec.commandLine().getOut().println("autograder written to " + zip);
    return Pdslab.OK;
  }

  private String setup() {
    return """
        #!/usr/bin/env bash
        # Gradescope image set-up: a JDK, bubblewrap for the sandbox, and every dependency fetched
        # now so that grading runs offline.
        set -euo pipefail
        apt-get update -q
        apt-get install -y -q openjdk-17-jdk-headless bubblewrap
        cd /autograder/source
        chmod +x mvnw pdslab run_autograder
        ./mvnw -B -q -pl labs/%1$s,grader -am package -DskipTests
        ./mvnw -B -q -pl labs/%1$s -am test-compile dependency:build-classpath \\
          -Dmdep.outputFile=target/pdslab.classpath -Dmdep.includeScope=test
        """
        .formatted(lab);
  }

  private String run() {
    return """
        #!/usr/bin/env bash
        # Grades /autograder/submission with the same grader as ./pdslab grade.
        set -uo pipefail
        cd /autograder/source
        mkdir -p /autograder/results
        PDSLAB_OFFLINE=1 ./pdslab grade --lab %1$s --seeds %2$d \\
          --out /autograder/results/pdslab /autograder/submission
        if [ -f /autograder/results/pdslab/submission/results.json ]; then
          cp /autograder/results/pdslab/submission/results.json /autograder/results/results.json
        else
          echo '{"score": 0, "output": "The autograder failed; please contact the staff."}' \\
            > /autograder/results/results.json
        fi
        """
        .formatted(lab, seeds);
  }

  /** Zips a folder, keeping Unix permissions so scripts stay executable. */
  private static void zip(Path dir, Path zip) throws IOException {
    URI uri = URI.create("jar:" + zip.toUri());
    try (FileSystem fs =
            FileSystems.newFileSystem(
                uri, Map.of("create", "true", "enablePosixFileAttributes", "true"));
        Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.toList()) {
        String rel = dir.relativize(f).toString();
        if (rel.isEmpty()) {
          continue;
        }
        Path target = fs.getPath(rel);
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else {
          Files.copy(f, target);
          boolean exec =
              Files.isExecutable(f) || rel.equals("run_autograder") || rel.equals("setup.sh");
          Files.setPosixFilePermissions(
              target, PosixFilePermissions.fromString(exec ? "rwxr-xr-x" : "rw-r--r--"));
        }
      }
    } catch (UnsupportedOperationException e) {
      throw new UncheckedIOException(new IOException("cannot write " + zip + ": " + e, e));
    }
  }
}
