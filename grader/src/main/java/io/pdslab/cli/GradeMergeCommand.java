package io.pdslab.cli;

import io.pdslab.grader.grade.GradeShards;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pdslab grade-merge DIR}: the last step of grading as a Slurm job array. */
@Command(
    name = "grade-merge",
    mixinStandardHelpOptions = true,
    description = {
      "Merge the reports of 'pdslab grade' run as a Slurm job array (one submission per task,"
          + " SLURM_ARRAY_TASK_ID) into one grades.csv and one gradescope.json."
    })
final class GradeMergeCommand implements Callable<Integer> {
  @Parameters(paramLabel = "DIR", description = "The --out folder the tasks wrote to.")
  Path dir;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new UserError("no folder " + dir);
    }
    GradeShards.Merged merged;
    try {
      merged = GradeShards.merge(dir.toAbsolutePath());
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    }
    PrintWriter out = spec.commandLine().getOut();
    out.printf("merged %d submission(s) into %s%n", merged.rows(), dir.resolve("grades.csv"));
    if (!merged.withoutResults().isEmpty()) {
      out.printf(
          "not in gradescope.json (no results.json in their folder): %s%n",
          String.join(", ", merged.withoutResults()));
      return Pdslab.FAILED;
    }
    return Pdslab.OK;
  }
}
