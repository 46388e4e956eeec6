package io.pdslab.cli;

import io.pdslab.grader.build.LabBuild;
import io.pdslab.grader.grade.EditableFiles;
import io.pdslab.grader.grade.Grader;
import io.pdslab.grader.grade.Points;
import io.pdslab.grader.grade.Reference;
import io.pdslab.grader.grade.ReportWriter;
import io.pdslab.grader.grade.SubmissionGrade;
import io.pdslab.grader.grade.SubmissionStatus;
import io.pdslab.grader.manifest.LabManifest;
import io.pdslab.grader.manifest.ManifestLoader;
import io.pdslab.grader.run.FileTrees;
import io.pdslab.grader.run.SandboxLimits;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pdslab grade}: grades submissions, or every lab's bundled examples. */
@Command(
    name = "grade",
    mixinStandardHelpOptions = true,
    description = {
      "Grade submissions (folders or zips of the student repository) in a sandbox.",
      "With --examples: every lab's reference and bundled example submissions."
    })
final class GradeCommand implements Callable<Integer> {
  /** Either one lab's submissions or the examples of every lab. */
  static final class Target {
    @Option(names = "--lab", paramLabel = "LAB", description = "The lab the submissions are for.")
    String lab;

    @Option(
        names = "--examples",
        description = "Grade the project itself and labs/<lab>/examples/* for every lab.")
    boolean examples;
  }

  @ArgGroup(multiplicity = "1")
  Target target;

  @Parameters(paramLabel = "SUBMISSION", arity = "0..*", description = "Folders or zip files.")
  List<Path> submissions = new ArrayList<>();

  @Option(names = "--out", paramLabel = "DIR", description = "Where reports go (default: grades/).")
  Path out;

  @Option(names = "--jobs", defaultValue = "1", description = "Submissions graded in parallel.")
  int jobs;

  @Option(
      names = "--seeds",
      defaultValue = "3",
      description = "Seeds per simulation test (seeds 1..K; default ${DEFAULT-VALUE}).")
  int seeds;

  @Spec CommandSpec spec;

  /** One submission to grade. */
  private record Job(Grader grader, Path input, String name, String expected) {}

  @Override
  public Integer call() throws IOException {
    if (jobs < 1 || seeds < 1) {
      throw new UserError("--jobs and --seeds must be at least 1");
    }
    Path root = Pdslab.root();
    Path outDir = (out == null ? root.resolve("grades") : out).toAbsolutePath().normalize();
    Path work = Files.createTempDirectory("pdslab-grade");
    try {
      List<Job> batch = target.examples ? examples(root, work) : submissions(root, work);
      List<SubmissionGrade> grades = run(batch, outDir);
      ReportWriter.writeCsv(grades, outDir.resolve("grades.csv"));
      PrintWriter o = spec.commandLine().getOut();
      o.printf("%-12s %-28s %9s  %-14s %s%n", "lab", "submission", "score", "status", "expected");
      boolean referenceOk = true;
      for (int i = 0; i < grades.size(); i++) {
        SubmissionGrade g = grades.get(i);
        o.printf(
            Locale.ROOT,
            "%-12s %-28s %9s  %-14s %s%n",
            g.lab(),
            g.name(),
            fmt(g.score()) + "/" + fmt(g.maxScore()),
            g.status(),
            batch.get(i).expected());
        if (target.examples && batch.get(i).expected().equals("full marks")) {
          referenceOk &= g.score() == g.maxScore() && g.status() == SubmissionStatus.GRADED;
        }
      }
      long overloaded = grades.stream().filter(SubmissionGrade::overloaded).count();
      if (overloaded > 0) {
        o.println(
            overloaded
                + " submission(s) have tests the grading machine was too busy to run (status"
                + " 'overloaded'): regrade them on a less loaded machine");
      }
      o.println("reports: " + outDir);
      return referenceOk ? Pdslab.OK : Pdslab.FAILED;
    } finally {
      FileTrees.deleteQuietly(work);
    }
  }

  private List<Job> submissions(Path root, Path work) {
    if (submissions.isEmpty()) {
      throw new UserError("give at least one SUBMISSION (a folder or a .zip)");
    }
    Grader grader = grader(root, ManifestLoader.load(root, target.lab), work);
    Map<String, Integer> names = new LinkedHashMap<>();
    List<Job> out = new ArrayList<>();
    for (Path s : submissions) {
      String name =
          s.toAbsolutePath()
              .normalize()
              .getFileName()
              .toString()
              .replaceAll("(?i)\\.zip$", "")
              .replaceAll("[^\\w.\\-]", "_");
      int n = names.merge(name, 1, Integer::sum);
      out.add(new Job(grader, s, n == 1 ? name : name + "-" + n, ""));
    }
    return out;
  }

  private List<Job> examples(Path root, Path work) throws IOException {
    if (!submissions.isEmpty()) {
      throw new UserError("--examples takes no SUBMISSION arguments");
    }
    List<Job> out = new ArrayList<>();
    List<LabManifest> labs = ManifestLoader.loadAll(root);
    LabBuild.buildAll(root, labs.stream().map(LabManifest::lab).toList());
    for (LabManifest m : labs) {
      Path labDir = root.resolve("labs").resolve(m.lab());
      Grader grader = grader(root, m, work);
      out.add(new Job(grader, labDir, m.lab() + "-reference", "full marks"));
      Path examples = labDir.resolve("examples");
      if (Files.isDirectory(examples)) {
        try (Stream<Path> dirs = Files.list(examples)) {
          for (Path ex : dirs.filter(Files::isDirectory).sorted().toList()) {
            Path expected = ex.resolve("EXPECTED");
            String what =
                Files.isRegularFile(expected)
                    ? Files.readString(expected, StandardCharsets.UTF_8).strip()
                    : "";
            requireEditableFile(m, ex);
            String name = m.lab() + "-" + ex.getFileName();
            out.add(new Job(grader, overReference(labDir, ex, work.resolve(name)), name, what));
          }
        }
      }
    }
    return out;
  }

  /** An example without any editable file would silently grade as the reference. */
  private static void requireEditableFile(LabManifest m, Path example) throws IOException {
    EditableFiles globs = new EditableFiles(m.editable());
    try (Stream<Path> files = Files.walk(example)) {
      if (files.noneMatch(f -> Files.isRegularFile(f) && globs.matches(example.relativize(f)))) {
        throw new UserError(
            example
                + " holds no editable file (the lab's editable files: "
                + String.join(", ", m.editable())
                + "), so it would grade as the reference");
      }
    }
  }

  /**
   * An example holds only the files its bug touches; the rest of the submission is the reference.
   * (A real submission is laid over the handout's stubs instead: files it lacks earn nothing.)
   */
  private static Path overReference(Path labDir, Path example, Path dest) {
    FileTrees.copy(labDir.resolve("src/main/java"), dest.resolve("src/main/java"));
    FileTrees.copyOver(example, dest);
    return dest;
  }

  private Grader grader(Path root, LabManifest m, Path work) {
    LabBuild build = LabBuild.build(root, m.lab());
    Path labWork = work.resolve(m.lab());
    Reference ref =
        Reference.prepare(m, build.labDir(), build.dependencies(), labWork.resolve("reference"));
    return new Grader(ref, new Grader.Options(seeds, labWork, SandboxLimits.GRADING));
  }

  private List<SubmissionGrade> run(List<Job> batch, Path outDir) {
    Progress progress = new Progress(spec.commandLine().getErr(), "graded", batch.size());
    ExecutorService pool = Executors.newFixedThreadPool(jobs);
    try {
      List<Future<SubmissionGrade>> futures = new ArrayList<>();
      for (Job j : batch) {
        futures.add(
            pool.submit(
                () -> {
                  SubmissionGrade g = j.grader().grade(j.input(), j.name(), (id, inv) -> {});
                  ReportWriter.write(g, outDir.resolve(j.name()));
                  progress.step(
                      j.name()
                          + ": "
                          + fmt(g.score())
                          + "/"
                          + fmt(g.maxScore())
                          + " "
                          + g.status());
                  return g;
                }));
      }
      List<SubmissionGrade> grades = new ArrayList<>();
      for (Future<SubmissionGrade> f : futures) {
        grades.add(f.get());
      }
      progress.end();
      return grades;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UserError("interrupted");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new UncheckedIOException(new IOException(e.getCause()));
    } finally {
      pool.shutdownNow();
    }
  }

  private static String fmt(double v) {
    return Points.format(v);
  }
}
