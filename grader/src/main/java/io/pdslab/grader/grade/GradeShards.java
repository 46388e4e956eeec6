package io.pdslab.grader.grade;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.stream.Stream;

/**
 * Grading as a Slurm job array: each task grades one submission and writes its reports and a
 * one-row {@code grades-task-N.csv}; {@link #merge} then joins the tasks' rows into one {@code
 * grades.csv} and their Gradescope results into one {@code gradescope.json}.
 */
public final class GradeShards {
  /** The variable Slurm sets to a job array task's index. */
  public static final String ARRAY_TASK = "SLURM_ARRAY_TASK_ID";

  private static final ObjectMapper JSON = new ObjectMapper();

  private GradeShards() {}

  /** The array task this process is, or empty outside a job array. */
  public static OptionalInt arrayTask(Map<String, String> env) {
    String v = env.get(ARRAY_TASK);
    if (v == null || v.isBlank()) {
      return OptionalInt.empty();
    }
    try {
      return OptionalInt.of(Integer.parseInt(v.trim()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(ARRAY_TASK + " is not a number: '" + v + "'");
    }
  }

  /** Where task {@code task} writes its row. */
  public static Path taskCsv(Path outDir, int task) {
    return outDir.resolve(String.format("grades-task-%05d.csv", task));
  }

  /**
   * What {@link #merge} did.
   *
   * @param rows how many submissions {@code grades.csv} now lists
   * @param withoutResults the submissions among them that have no {@code results.json} (their
   *     report could not be written): missing from {@code gradescope.json}
   */
  public record Merged(int rows, List<String> withoutResults) {}

  /**
   * Joins the tasks' rows of {@code outDir} into {@code grades.csv} (sorted by lab and submission)
   * and the {@code results.json} of every submission those rows name into {@code gradescope.json}
   * (an object keyed by submission folder).
   */
  public static Merged merge(Path outDir) throws IOException {
    List<String> rows = new ArrayList<>();
    List<Path> tasks;
    try (Stream<Path> files = Files.list(outDir)) {
      tasks =
          files
              .filter(f -> f.getFileName().toString().matches("grades-task-\\d+\\.csv"))
              .sorted()
              .toList();
    }
    if (tasks.isEmpty()) {
      throw new IllegalArgumentException(outDir + " holds no grades-task-N.csv to merge");
    }
    for (Path t : tasks) {
      List<String> lines = Files.readAllLines(t, StandardCharsets.UTF_8);
      if (lines.isEmpty() || !lines.get(0).equals(GradesCsv.HEADER)) {
        throw new IllegalArgumentException(t + " is not a grades file");
      }
      for (String row : lines.subList(1, lines.size())) {
        if (row.isBlank()) {
          continue;
        }
        if (row.split(",", -1).length != GradesCsv.HEADER.split(",").length) {
          throw new IllegalArgumentException(t + " has a malformed row: " + row);
        }
        rows.add(row);
      }
    }
    rows.sort(null);
    List<String> csv = new ArrayList<>(List.of(GradesCsv.HEADER));
    csv.addAll(rows);
    Files.write(outDir.resolve("grades.csv"), csv, StandardCharsets.UTF_8);

    // Only the submissions these tasks graded: the folder may hold others from earlier runs.
    ObjectNode all = JSON.createObjectNode();
    List<String> withoutResults = new ArrayList<>();
    for (String submission :
        rows.stream().map(r -> GradesCsv.text(r.split(",", -1)[1])).sorted().toList()) {
      Path results = outDir.resolve(submission).resolve("results.json");
      if (Files.isRegularFile(results)) {
        all.set(submission, JSON.readTree(results.toFile()));
      } else {
        withoutResults.add(submission);
      }
    }
    JSON.writerWithDefaultPrettyPrinter()
        .writeValue(outDir.resolve("gradescope.json").toFile(), all);
    return new Merged(rows.size(), withoutResults);
  }
}
