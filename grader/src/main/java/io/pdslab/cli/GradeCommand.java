package io.pdslab.cli;

import io.pdslab.grader.grade.BatchGrader;
import io.pdslab.grader.grade.GradeShards;
import io.pdslab.grader.grade.Points;
import io.pdslab.grader.grade.ReportWriter;
import io.pdslab.grader.grade.SubmissionGrade;
import io.pdslab.grader.run.FileTrees;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
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
      "With --examples: every lab's reference and bundled example submissions"
          + " (--lab, --example and --part pick some).",
      "Examples: grade --examples --lab concurrent --jobs 2",
      "          grade --examples --lab concurrent --example reference --part perf"
    })
final class GradeCommand implements Callable<Integer> {
  @Option(
      names = "--lab",
      paramLabel = "LAB",
      split = ",",
      description =
          "The lab the submissions are for; with --examples, only these labs' examples"
              + " (repeatable, or a comma list).")
  List<String> labs = new ArrayList<>();

  @Option(
      names = "--examples",
      description =
          "Grade the project itself: every lab's reference and labs/<lab>/examples/*, and exit 1"
              + " if a grade differs from the example's EXPECTED line.")
  boolean examples;

  @Option(
      names = "--example",
      paramLabel = "NAME",
      split = ",",
      description =
          "With --examples: only these (an example's folder name, or 'reference'; repeatable, or"
              + " a comma list).")
  List<String> exampleNames = new ArrayList<>();

  @Option(
      names = "--part",
      paramLabel = "PART",
      split = ",",
      description =
          "Grade only the tests of these parts (e.g. 'perf', the performance checks), to check"
              + " that part of the grading; an example's EXPECTED line is then checked for these"
              + " parts only.")
  List<String> parts = new ArrayList<>();

  @Parameters(paramLabel = "SUBMISSION", arity = "0..*", description = "Folders or zip files.")
  List<Path> submissions = new ArrayList<>();

  @Option(names = "--out", paramLabel = "DIR", description = "Where reports go (default: grades/).")
  Path out;

  @Option(
      names = "--jobs",
      defaultValue = "1",
      description =
          "Submissions graded in parallel (default ${DEFAULT-VALUE}); their performance checks"
              + " still run one at a time.")
  int jobs;

  @Option(
      names = "--seeds",
      defaultValue = "3",
      description = "Seeds per simulation test (seeds 1..K; default ${DEFAULT-VALUE}).")
  int seeds;

  @Option(
      names = "--explore-seed",
      paramLabel = "N",
      description =
          "Seed of the scenarios that tests explore beyond their simulation seeds (Lincheck's"
              + " random ones); default: a new one per run, printed in each report's reproduce"
              + " line.")
  Long exploreSeed;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    if (jobs < 1 || seeds < 1) {
      throw new UserError("--jobs and --seeds must be at least 1");
    }
    Path root = Pdslab.root();
    Path outDir = (out == null ? root.resolve("grades") : out).toAbsolutePath().normalize();
    Path work = Files.createTempDirectory("pdslab-grade");
    try {
      BatchGrader grader =
          new BatchGrader(root, seeds, exploreSeed(), work, new LinkedHashSet<>(parts));
      OptionalInt task = examples ? OptionalInt.empty() : arrayTask();
      List<BatchGrader.Job> batch;
      if (examples) {
        if (!submissions.isEmpty()) {
          throw new UserError(
              "--examples takes no SUBMISSION arguments (pick some with --example)");
        }
        batch = grader.examples(labs, exampleNames);
      } else {
        if (labs.size() != 1) {
          throw new UserError("give --examples, or --lab with exactly one lab for SUBMISSIONs");
        }
        if (!exampleNames.isEmpty()) {
          throw new UserError("--example needs --examples");
        }
        if (submissions.isEmpty()) {
          throw new UserError("give at least one SUBMISSION (a folder or a .zip)");
        }
        batch = grader.submissions(labs.get(0), submissions);
        if (task.isPresent()) {
          batch = List.of(inTask(batch, task.getAsInt()));
        }
      }
      Progress progress = new Progress(spec.commandLine().getErr(), "graded", batch.size());
      List<SubmissionGrade> grades =
          BatchGrader.grade(
              batch,
              jobs,
              outDir,
              g ->
                  progress.step(
                      g.name()
                          + ": "
                          + fmt(g.score())
                          + "/"
                          + fmt(g.maxScore())
                          + " "
                          + g.status()));
      progress.end();
      // A job array's task writes its own rows; 'pdslab grade-merge' joins them.
      ReportWriter.writeCsv(
          grades,
          task.isPresent()
              ? GradeShards.taskCsv(outDir, task.getAsInt())
              : outDir.resolve("grades.csv"));
      PrintWriter o = spec.commandLine().getOut();
      o.printf("%-12s %-28s %9s  %-14s %s%n", "lab", "submission", "score", "status", "expected");
      for (int i = 0; i < grades.size(); i++) {
        SubmissionGrade g = grades.get(i);
        o.printf(
            Locale.ROOT,
            "%-12s %-28s %9s  %-14s %s%n",
            g.lab(),
            g.name(),
            fmt(g.score()) + "/" + fmt(g.maxScore()),
            g.status(),
            batch.get(i).expected().map(Object::toString).orElse(""));
      }
      List<String> mismatches = BatchGrader.mismatches(batch, grades);
      for (String m : mismatches) {
        o.println("MISMATCH " + m);
      }
      long overloaded = grades.stream().filter(SubmissionGrade::overloaded).count();
      if (overloaded > 0) {
        o.println(
            overloaded
                + " submission(s) have tests the grading machine was too busy to run (status"
                + " 'overloaded'): regrade them on a less loaded machine");
      }
      long unmeasured = grades.stream().filter(g -> !g.unmeasured().isEmpty()).count();
      if (unmeasured > 0) {
        o.println(
            unmeasured
                + " submission(s) have performance checks the busy machine could not measure (full"
                + " points given; column 'unmeasured' of grades.csv): regrade them with --jobs 1 on"
                + " a machine doing nothing else");
      }
      o.println("reports: " + outDir);
      return mismatches.isEmpty() ? Pdslab.OK : Pdslab.FAILED;
    } finally {
      FileTrees.deleteQuietly(work);
    }
  }

  /** The Slurm job array task this run is, if it is one (then it grades one submission). */
  private static OptionalInt arrayTask() {
    try {
      return GradeShards.arrayTask(System.getenv());
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    }
  }

  private static BatchGrader.Job inTask(List<BatchGrader.Job> batch, int task) {
    if (task >= batch.size()) {
      throw new UserError(
          GradeShards.ARRAY_TASK
              + "="
              + task
              + " but only "
              + batch.size()
              + " submissions were given (tasks count from 0)");
    }
    return batch.get(task);
  }

  /** The explore seed: the one given, else a new one for this run. */
  private long exploreSeed() {
    if (exploreSeed == null) {
      exploreSeed = 1L + new SecureRandom().nextInt(1_000_000_000);
    }
    return exploreSeed;
  }

  private static String fmt(double v) {
    return Points.format(v);
  }
}
