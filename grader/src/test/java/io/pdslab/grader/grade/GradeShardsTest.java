package io.pdslab.grader.grade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Grading as a Slurm job array: each task's row and results, merged into one of each. */
class GradeShardsTest {
  @TempDir Path out;

  @Test
  void tasksRowsAndResultsAreMergedInSubmissionOrder() throws Exception {
    task(1, "raft,bob,graded,10,175,3.0,0", "bob", 10);
    task(0, "raft,alice,graded,175,175,4.0,0", "alice", 175);
    assertEquals(new GradeShards.Merged(2, List.of()), GradeShards.merge(out));
    assertEquals(
        List.of(
            GradesCsv.HEADER, "raft,alice,graded,175,175,4.0,0", "raft,bob,graded,10,175,3.0,0"),
        Files.readAllLines(out.resolve("grades.csv")));
    JsonNode all = new ObjectMapper().readTree(out.resolve("gradescope.json").toFile());
    assertEquals(175, all.get("alice").get("score").asInt());
    assertEquals(10, all.get("bob").get("score").asInt());
  }

  @Test
  void foldersLeftByEarlierRunsAreNotMerged() throws Exception {
    task(0, "raft,alice,graded,175,175,4.0,0", "alice", 175);
    Path stale = Files.createDirectories(out.resolve("old-run"));
    Files.writeString(stale.resolve("results.json"), "{\"score\":1,\"tests\":[]}");
    GradeShards.merge(out);
    JsonNode all = new ObjectMapper().readTree(out.resolve("gradescope.json").toFile());
    List<String> merged = new ArrayList<>();
    all.fieldNames().forEachRemaining(merged::add);
    assertEquals(List.of("alice"), merged);
  }

  @Test
  void aNameTheCsvDefusedStillFindsItsResults() throws Exception {
    // A submission named "-x" is written '-x in grades.csv, so that no spreadsheet runs it.
    task(0, "raft," + GradesCsv.csv("-x") + ",graded,175,175,4.0,0", "-x", 175);
    assertEquals(new GradeShards.Merged(1, List.of()), GradeShards.merge(out));
    JsonNode all = new ObjectMapper().readTree(out.resolve("gradescope.json").toFile());
    assertEquals(175, all.get("-x").get("score").asInt());
  }

  @Test
  void aRowWithoutResultsIsNamedNotDropped() throws Exception {
    task(0, "raft,alice,graded,175,175,4.0,0", "alice", 175);
    Files.delete(out.resolve("alice").resolve("results.json"));
    assertEquals(new GradeShards.Merged(1, List.of("alice")), GradeShards.merge(out));
  }

  @Test
  void nothingToMergeOrAStrangeFileIsAClearError() throws Exception {
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> GradeShards.merge(out))
            .getMessage()
            .contains("no grades-task-N.csv"));
    Files.writeString(GradeShards.taskCsv(out, 3), "name,points\nx,1\n");
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> GradeShards.merge(out))
            .getMessage()
            .contains("is not a grades file"));
    Files.writeString(GradeShards.taskCsv(out, 3), GradesCsv.HEADER + "\nraft\n");
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> GradeShards.merge(out))
            .getMessage()
            .contains("malformed row"));
  }

  @Test
  void theArrayTaskComesFromSlurm() {
    assertEquals(OptionalInt.of(7), GradeShards.arrayTask(Map.of(GradeShards.ARRAY_TASK, "7")));
    assertEquals(OptionalInt.empty(), GradeShards.arrayTask(Map.of()));
    assertThrows(
        IllegalArgumentException.class,
        () -> GradeShards.arrayTask(Map.of(GradeShards.ARRAY_TASK, "x")));
  }

  private void task(int n, String row, String name, int score) throws Exception {
    Files.writeString(
        GradeShards.taskCsv(out, n), GradesCsv.HEADER + "\n" + row + "\n", StandardCharsets.UTF_8);
    Path dir = Files.createDirectories(out.resolve(name));
    Files.writeString(dir.resolve("results.json"), "{\"score\":" + score + ",\"tests\":[]}");
  }
}
