package io.pdslab.cli;

import io.pdslab.grader.handout.HandoutWriter;
import io.pdslab.grader.manifest.LabManifest;
import io.pdslab.grader.manifest.ManifestLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pdslab handout [--lab L] --out DIR}: writes the student repository. */
@Command(
    name = "handout",
    mixinStandardHelpOptions = true,
    description = "Write the student repository: solutions replaced by stubs, no hidden tests.")
final class HandoutCommand implements Callable<Integer> {
  @Option(names = "--lab", paramLabel = "LAB", description = "Only this lab (default: every lab).")
  String lab;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "DIR",
      description = "A new or empty folder.")
  Path out;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    Path root = Pdslab.root();
    List<LabManifest> labs =
        lab == null ? ManifestLoader.loadAll(root) : List.of(ManifestLoader.load(root, lab));
    Path target = out.toAbsolutePath().normalize();
    HandoutWriter.write(root, labs, target);
    spec.commandLine().getOut().println("handout written to " + target);
    return Pdslab.OK;
  }
}
